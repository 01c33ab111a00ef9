<?php

declare(strict_types=1);

namespace GengoRs;

use FFI;

/**
 * A Gengo API client over libgengo. Arrays in, arrays out; errors are GengoRs\Exception
 * subclasses. One instance holds one keep-alive connection pool.
 *
 *     $gengo = new GengoRs\Client(['public_key' => '...', 'private_key' => '...']);
 *     $receipt = $gengo->orderJobs(['a' => ['body_src' => 'Hello', 'lc_src' => 'en',
 *                                           'lc_tgt' => 'ja', 'tier' => 'standard']]);
 */
final class Client
{
    // One method per operation, generated from gengo-core's table (src/Operations.php).
    use Operations;

    private $handle;

    /**
     * @param array<string, mixed> $config public_key, private_key, environment, base_url,
     *   api_version, connect_timeout, timeout, max_retries, rate_limit_per_minute,
     *   user_agent, method_override, access_token, from_env (default true: the
     *   environment fills what the array leaves out; see the C ABI's gengo_client_new)
     */
    public function __construct(array $config = [])
    {
        // One rule for every binding: an explicit setting, then GENGO_PUBLIC_KEY,
        // GENGO_PRIVATE_KEY and GENGO_BASE_URL, then the default (production). Pass
        // 'from_env' => false to ignore the environment.
        $config += ['from_env' => true];
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

    /**
     * Polls an order until no job waits for Gengo or a translator (nothing queued,
     * available, pending or revising), or until $timeout seconds. $interval defaults to
     * Gengo's guidance against Gengo's hosts (30 minutes; prefer callbacks there) and to
     * half a second against any other host, such as a local `gengo sandbox`.
     *
     * @return array{order: array<string, mixed>, in_progress: bool} the order as last seen
     */
    public function waitForOrder(int $orderId, float $timeout = 3600.0, ?float $interval = null): array
    {
        $ffi = Library::ffi();
        $res = $ffi->new('char*');
        $err = $ffi->new('char*');
        $st = $ffi->gengo_client_wait_order($this->handle, $orderId, $timeout, $interval ?? 0.0, FFI::addr($res), FFI::addr($err));
        if ($st !== 0) {
            Library::raise($st, Library::take($err));
        }
        return Library::decode(Library::take($res));
    }

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

    /** @return list<array{name: string, number: int, class: string, parent: ?string, exit_code: int}> the error kinds */
    public static function errorKinds(): array
    {
        return Library::decode(Library::take(Library::ffi()->gengo_error_kinds()));
    }

    public static function version(): string
    {
        // PHP's FFI turns a returned `const char *` (a static string here) into a PHP string.
        $v = Library::ffi()->gengo_version();
        return is_string($v) ? $v : FFI::string($v);
    }
}
