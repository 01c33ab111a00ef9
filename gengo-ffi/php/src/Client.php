<?php

declare(strict_types=1);

namespace Gengo;

use FFI;

/**
 * A Gengo API client over libgengo. Arrays in, arrays out; errors are Gengo\Exception
 * subclasses. One instance holds one keep-alive connection pool.
 *
 *     $gengo = new Gengo\Client(['public_key' => '...', 'private_key' => '...']);
 *     $receipt = $gengo->orderJobs(['jobs' => ['a' => ['body_src' => 'Hello', 'lc_src' => 'en',
 *                                                      'lc_tgt' => 'ja', 'tier' => 'standard']]]);
 */
final class Client
{
    private $handle;

    /**
     * @param array<string, mixed> $config public_key, private_key, environment, base_url,
     *   api_version, connect_timeout, timeout, max_retries, rate_limit_per_minute,
     *   user_agent, method_override, from_env (see the C ABI's gengo_client_new)
     */
    public function __construct(array $config = ['from_env' => true])
    {
        $ffi = Library::ffi();
        $out = $ffi->new('gengo_client*');
        $err = $ffi->new('char*');
        $st = $ffi->gengo_client_new(Library::json($config), FFI::addr($out), FFI::addr($err));
        if ($st !== 0) {
            Library::raise($st, Library::take($err));
        }
        $this->handle = $out;
    }

    public function __destruct()
    {
        if ($this->handle !== null) {
            Library::ffi()->gengo_client_free($this->handle);
            $this->handle = null;
        }
    }

    /**
     * Any operation by canonical name (`get_job`) or official alias (`getTranslationJob`).
     *
     * @param array<string, mixed> $params
     * @return mixed the normalised result
     */
    public function call(string $operation, array $params = []): mixed
    {
        $ffi = Library::ffi();
        $res = $ffi->new('char*');
        $err = $ffi->new('char*');
        $st = $ffi->gengo_client_call($this->handle, $operation, Library::json($params), FFI::addr($res), FFI::addr($err));
        if ($st !== 0) {
            Library::raise($st, Library::take($err));
        }
        return Library::decode(Library::take($res) ?? 'null');
    }

    public function accountStats(): array { return $this->call('account_stats'); }
    public function accountBalance(): array { return $this->call('account_balance'); }
    public function accountMe(): array { return $this->call('account_me'); }
    public function preferredTranslators(): array { return $this->call('preferred_translators'); }
    public function getJob(int $id, bool $preMt = false): array { return $this->call('get_job', $preMt ? ['id' => $id, 'pre_mt' => 1] : ['id' => $id])['job']; }
    public function approveJob(int $id, array $fields = []): void { $this->call('approve_job', ['id' => $id] + $fields); }
    public function reviseJob(int $id, string $comment): void { $this->call('revise_job', ['id' => $id, 'comment' => $comment]); }
    public function rejectJob(int $id, string $reason, string $comment, ?string $followUp = null): void
    {
        $this->call('reject_job', ['id' => $id, 'reason' => $reason, 'comment' => $comment] + ($followUp ? ['follow_up' => $followUp] : []));
    }
    public function archiveJob(int $id): void { $this->call('archive_job', ['id' => $id]); }
    public function cancelJob(int $id): void { $this->call('cancel_job', ['id' => $id]); }
    /** @param list<string> $files local paths uploaded as attachments */
    public function postJobComment(int $id, string $body, array $files = [], array $attachments = []): void
    {
        $this->call('post_job_comment', ['id' => $id, 'body' => $body] + ($files ? ['files' => $files] : []) + ($attachments ? ['attachments' => $attachments] : []));
    }
    public function jobComments(int $id): array { return $this->call('job_comments', ['id' => $id])['thread'] ?? []; }
    public function jobFeedback(int $id): array { return $this->call('job_feedback', ['id' => $id])['feedback'] ?? []; }
    public function jobRevisions(int $id): array { return $this->call('job_revisions', ['id' => $id])['revisions'] ?? []; }
    public function jobRevision(int $id, int $revId): array { return $this->call('job_revision', ['id' => $id, 'rev_id' => $revId])['revision'] ?? []; }
    /** @param array<string, mixed> $order ['jobs' => [...], 'comment' => ..., ...] */
    public function orderJobs(array $order): array { return $this->call('order_jobs', $order); }
    public function listJobs(array $filters = []): array { return $this->call('list_jobs', $filters); }
    /** @param list<int> $ids */
    public function getJobs(array $ids): array { return $this->call('get_jobs', ['ids' => $ids])['jobs'] ?? []; }
    public function updateJobs(string $action, array $jobIds, ?string $comment = null): void
    {
        $this->call('update_jobs', ['action' => $action, 'job_ids' => $jobIds] + ($comment !== null ? ['comment' => $comment] : []));
    }
    public function getOrder(int $id): array { return $this->call('get_order', ['id' => $id])['order']; }
    public function cancelOrder(int $id): array { return $this->call('cancel_order', ['id' => $id]); }
    public function postOrderComment(int $id, string $body): void { $this->call('post_order_comment', ['id' => $id, 'body' => $body]); }
    public function orderComments(int $id): array { return $this->call('order_comments', ['id' => $id])['thread'] ?? []; }
    public function languages(): array { return $this->call('languages'); }
    public function languagePairs(?string $lcSrc = null): array { return $this->call('language_pairs', $lcSrc !== null ? ['lc_src' => $lcSrc] : []); }
    public function languageMatrix(): mixed { return $this->call('language_matrix'); }
    /** @param array<string, array<string, mixed>> $jobs keyed by your job keys; file jobs give 'file_path' */
    public function quote(array $jobs): array { return $this->call('quote', ['jobs' => $jobs])['jobs'] ?? []; }
    public function glossaries(): array { return $this->call('glossaries'); }
    public function getGlossary(int $id): array { return $this->call('get_glossary', ['id' => $id]); }
    /** @return string the file's bytes */
    public function downloadGlossary(int $id): string { return base64_decode($this->call('download_glossary', ['id' => $id])['base64'], true); }

    /**
     * Parses what Gengo POSTed to your callback URL.
     *
     * @return array{type: string, job?: array, comment?: array}
     */
    public static function parseCallback(string $body, ?string $contentType = null): array
    {
        $ffi = Library::ffi();
        $ev = $ffi->new('char*');
        $err = $ffi->new('char*');
        $st = $ffi->gengo_parse_callback($body, strlen($body), $contentType, FFI::addr($ev), FFI::addr($err));
        if ($st !== 0) {
            Library::raise($st, Library::take($err));
        }
        return Library::decode(Library::take($ev));
    }

    /** Units Gengo bills for $text in source language $lcSrc. */
    public static function unitCount(string $text, string $lcSrc): int
    {
        $ffi = Library::ffi();
        $n = $ffi->new('unsigned long long');
        $err = $ffi->new('char*');
        $st = $ffi->gengo_unit_count($text, $lcSrc, FFI::addr($n), FFI::addr($err));
        if ($st !== 0) {
            Library::raise($st, Library::take($err));
        }
        return $n->cdata;
    }

    /** @return list<array<string, mixed>> the operation table */
    public static function operations(): array
    {
        return Library::decode(Library::take(Library::ffi()->gengo_operations()));
    }

    public static function version(): string
    {
        // PHP's FFI turns a returned `const char *` (a static string here) into a PHP string.
        $v = Library::ffi()->gengo_version();
        return is_string($v) ? $v : FFI::string($v);
    }
}
