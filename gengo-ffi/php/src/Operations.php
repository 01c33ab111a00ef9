<?php

// Generated from gengo-core's operation table by
//   cargo run -p gengo-ffi --bin gengo-bindgen -- php > gengo-ffi/php/src/Operations.php
// Do not edit; CI fails when this file differs from what the table generates.

declare(strict_types=1);

namespace GengoRs;

/**
 * One method per Gengo operation: the required parameters positional (path ids first),
 * every other parameter by name in `$params`, the result unwrapped as the table says.
 */
trait Operations
{
    /** @param array<string, mixed> $params */
    abstract public function call(string $operation, array $params = []): mixed;

    private static function bytes(mixed $download): string
    {
        return base64_decode((string) ($download['base64'] ?? ''), true) ?: '';
    }

    /**
     * Account statistics: credits spent, customer since. (official name: `getAccountStats`)
     *
     * `GET account/stats`
     *
     * @param array<string, mixed> $params any further parameters, passed through
     * @return array `AccountStats` as normalised arrays
     */
    public function accountStats(array $params = []): array
    {
        return $this->call('account_stats', $params);
    }

    /**
     * Credits available. (official name: `getAccountBalance`)
     *
     * `GET account/balance`
     *
     * @param array<string, mixed> $params any further parameters, passed through
     * @return array `Balance` as normalised arrays
     */
    public function accountBalance(array $params = []): array
    {
        return $this->call('account_balance', $params);
    }

    /**
     * The account's own details. (official name: `getAccountMe`)
     *
     * `GET account/me`
     *
     * @param array<string, mixed> $params any further parameters, passed through
     * @return array `Me` as normalised arrays
     */
    public function accountMe(array $params = []): array
    {
        return $this->call('account_me', $params);
    }

    /**
     * Preferred translators by pair and tier. (official name: `getPreferredTranslators`)
     *
     * `GET account/preferred_translators`
     *
     * @param array<string, mixed> $params any further parameters, passed through
     * @return array `[PreferredTranslators]` as normalised arrays
     */
    public function preferredTranslators(array $params = []): array
    {
        return $this->call('preferred_translators', $params);
    }

    /**
     * One job. (official name: `getTranslationJob`)
     *
     * `GET translate/job/{id}`
     *
     * @param int $id job id
     * @param array<string, mixed> $params by name: pre_mt (1: machine translation while the human one is not ready)
     * @return array `Job` as normalised arrays
     */
    public function getJob(int $id, array $params = []): array
    {
        return $this->call('get_job', ['id' => $id] + $params)['job'] ?? [];
    }

    /**
     * Approve, revise, reject or archive a job. (official name: `updateTranslationJob`)
     *
     * `PUT translate/job/{id}`
     *
     * @param int $id job id
     * @param mixed $action approve, revise, reject or archive
     * @param array<string, mixed> $params by name: rating (approve: 1 to 5); for_translator (approve: feedback for the translator); for_mygengo (approve: feedback for Gengo); public (approve: 0/1, feedback may be shared); comment (revise/reject: the reason); reason (reject: quality, incomplete or other); follow_up (reject: requeue or cancel); captcha (reject: captcha text (old API))
     * @return void nothing
     */
    public function updateJob(int $id, mixed $action, array $params = []): void
    {
        $this->call('update_job', ['id' => $id, 'action' => $action] + $params);
    }

    /**
     * Approve a reviewable job.
     *
     * `PUT translate/job/{id}`
     *
     * @param int $id job id
     * @param array<string, mixed> $params by name: rating (1 to 5); for_translator (feedback for the translator); for_mygengo (feedback for Gengo); public (0/1, feedback may be shared)
     * @return void nothing
     */
    public function approveJob(int $id, array $params = []): void
    {
        $this->call('approve_job', ['id' => $id] + $params);
    }

    /**
     * Send a reviewable job back for changes.
     *
     * `PUT translate/job/{id}`
     *
     * @param int $id job id
     * @param mixed $comment what to change
     * @param array<string, mixed> $params any further parameters, passed through
     * @return void nothing
     */
    public function reviseJob(int $id, mixed $comment, array $params = []): void
    {
        $this->call('revise_job', ['id' => $id, 'comment' => $comment] + $params);
    }

    /**
     * Reject a reviewable job.
     *
     * `PUT translate/job/{id}`
     *
     * @param int $id job id
     * @param mixed $reason quality, incomplete or other
     * @param mixed $comment why
     * @param array<string, mixed> $params by name: follow_up (requeue (default) or cancel); captcha (captcha text (old API))
     * @return void nothing
     */
    public function rejectJob(int $id, mixed $reason, mixed $comment, array $params = []): void
    {
        $this->call('reject_job', ['id' => $id, 'reason' => $reason, 'comment' => $comment] + $params);
    }

    /**
     * Archive an approved job.
     *
     * `PUT translate/job/{id}`
     *
     * @param int $id job id
     * @param array<string, mixed> $params any further parameters, passed through
     * @return void nothing
     */
    public function archiveJob(int $id, array $params = []): void
    {
        $this->call('archive_job', ['id' => $id] + $params);
    }

    /**
     * Cancel an available job. (official name: `deleteTranslationJob`)
     *
     * `DELETE translate/job/{id}`
     *
     * @param int $id job id
     * @param array<string, mixed> $params any further parameters, passed through
     * @return void nothing
     */
    public function cancelJob(int $id, array $params = []): void
    {
        $this->call('cancel_job', ['id' => $id] + $params);
    }

    /**
     * Comment on a job. (official name: `postTranslationJobComment`)
     *
     * `POST translate/job/{id}/comment`
     *
     * @param int $id job id
     * @param mixed $body the comment (at most 25,000 characters)
     * @param array<string, mixed> $params by name: attachments (URL attachments: [{url, filename, mime_type}]); files (local files to attach (multipart))
     * @return void nothing
     */
    public function postJobComment(int $id, mixed $body, array $params = []): void
    {
        $this->call('post_job_comment', ['id' => $id, 'body' => $body] + $params);
    }

    /**
     * A job's comment thread. (official name: `getTranslationJobComments`)
     *
     * `GET translate/job/{id}/comments`
     *
     * @param int $id job id
     * @param array<string, mixed> $params any further parameters, passed through
     * @return array `[Comment]` as normalised arrays
     */
    public function jobComments(int $id, array $params = []): array
    {
        return $this->call('job_comments', ['id' => $id] + $params)['thread'] ?? [];
    }

    /**
     * A job's feedback. (official name: `getTranslationJobFeedback`)
     *
     * `GET translate/job/{id}/feedback`
     *
     * @param int $id job id
     * @param array<string, mixed> $params any further parameters, passed through
     * @return array `Feedback` as normalised arrays
     */
    public function jobFeedback(int $id, array $params = []): array
    {
        return $this->call('job_feedback', ['id' => $id] + $params)['feedback'] ?? [];
    }

    /**
     * A job's revisions. (official name: `getTranslationJobRevisions`)
     *
     * `GET translate/job/{id}/revisions`
     *
     * @param int $id job id
     * @param array<string, mixed> $params any further parameters, passed through
     * @return array `[RevisionRef]` as normalised arrays
     */
    public function jobRevisions(int $id, array $params = []): array
    {
        return $this->call('job_revisions', ['id' => $id] + $params)['revisions'] ?? [];
    }

    /**
     * One revision of a job. (official name: `getTranslationJobRevision`)
     *
     * `GET translate/job/{id}/revision/{rev_id}`
     *
     * @param int $id job id
     * @param int $revId revision id
     * @param array<string, mixed> $params any further parameters, passed through
     * @return array `Revision` as normalised arrays
     */
    public function jobRevision(int $id, int $revId, array $params = []): array
    {
        return $this->call('job_revision', ['id' => $id, 'rev_id' => $revId] + $params)['revision'] ?? [];
    }

    /**
     * Order jobs (spends credits). (official name: `postTranslationJobs`)
     *
     * `POST translate/jobs`
     *
     * @param mixed $jobs jobs keyed by your own keys (or a list)
     * @param array<string, mixed> $params by name: as_group (0/1: one translator for all jobs); comment (instructions for the whole order); attachments (order-level URL attachments); tone (tone); purpose (purpose); reference_id (your integer reference (>= 0)); process (legacy 0/1)
     * @return array `OrderReceipt` as normalised arrays
     */
    public function orderJobs(mixed $jobs, array $params = []): array
    {
        return $this->call('order_jobs', ['jobs' => $jobs] + $params);
    }

    /**
     * Recent jobs (ids and times). (official name: `getTranslationJobs`)
     *
     * `GET translate/jobs`
     *
     * @param array<string, mixed> $params by name: status (only jobs in this status); timestamp_after (only jobs created after this Unix time); count (at most this many (1 to 200))
     * @return array `[JobSummary]` as normalised arrays
     */
    public function listJobs(array $params = []): array
    {
        return $this->call('list_jobs', $params);
    }

    /**
     * Several jobs by id. (official name: `getTranslationJobBatch`)
     *
     * `GET translate/jobs/{ids}`
     *
     * @param array|int|string $ids job ids (list, or comma-separated)
     * @param array<string, mixed> $params any further parameters, passed through
     * @return array `[Job]` as normalised arrays
     */
    public function getJobs(array|int|string $ids, array $params = []): array
    {
        return $this->call('get_jobs', ['ids' => $ids] + $params)['jobs'] ?? [];
    }

    /**
     * Act on several jobs at once. (official name: `updateTranslationJobs`)
     *
     * `PUT translate/jobs`
     *
     * @param mixed $action approve, revise, reject or archive
     * @param mixed $jobIds ids, or objects {job_id, ...fields of the action}
     * @param array<string, mixed> $params by name: comment (default comment for revise/reject)
     * @return void nothing
     */
    public function updateJobs(mixed $action, mixed $jobIds, array $params = []): void
    {
        $this->call('update_jobs', ['action' => $action, 'job_ids' => $jobIds] + $params);
    }

    /**
     * An order with its job ids by status. (official name: `getTranslationOrderJobs`)
     *
     * `GET translate/order/{id}`
     *
     * @param int $id order id
     * @param array<string, mixed> $params any further parameters, passed through
     * @return array `Order` as normalised arrays
     */
    public function getOrder(int $id, array $params = []): array
    {
        return $this->call('get_order', ['id' => $id] + $params)['order'] ?? [];
    }

    /**
     * Cancel an order's available jobs. (official name: `deleteTranslationOrder`)
     *
     * `DELETE translate/order/{id}`
     *
     * @param int $id order id
     * @param array<string, mixed> $params any further parameters, passed through
     * @return ?array `Order?` as normalised arrays
     */
    public function cancelOrder(int $id, array $params = []): ?array
    {
        return $this->call('cancel_order', ['id' => $id] + $params)['order'] ?? null;
    }

    /**
     * Comment on an order. (official name: `postOrderComment`)
     *
     * `POST translate/order/{id}/comment`
     *
     * @param int $id order id
     * @param mixed $body the comment
     * @param array<string, mixed> $params by name: attachments (URL attachments)
     * @return void nothing
     */
    public function postOrderComment(int $id, mixed $body, array $params = []): void
    {
        $this->call('post_order_comment', ['id' => $id, 'body' => $body] + $params);
    }

    /**
     * An order's comment thread. (official name: `getOrderComments`)
     *
     * `GET translate/order/{id}/comments`
     *
     * @param int $id order id
     * @param array<string, mixed> $params any further parameters, passed through
     * @return array `[Comment]` as normalised arrays
     */
    public function orderComments(int $id, array $params = []): array
    {
        return $this->call('order_comments', ['id' => $id] + $params)['thread'] ?? [];
    }

    /**
     * Languages (no keys needed). (official name: `getServiceLanguages`)
     *
     * `GET translate/service/languages`
     *
     * @param array<string, mixed> $params any further parameters, passed through
     * @return array `[Language]` as normalised arrays
     */
    public function languages(array $params = []): array
    {
        return $this->call('languages', $params);
    }

    /**
     * Language pairs with tiers and unit prices (no keys needed). (official name: `getServiceLanguagePairs`)
     *
     * `GET translate/service/language_pairs`
     *
     * @param array<string, mixed> $params by name: lc_src (only pairs from this source language)
     * @return array `[LanguagePair]` as normalised arrays
     */
    public function languagePairs(array $params = []): array
    {
        return $this->call('language_pairs', $params);
    }

    /**
     * The language matrix (undocumented shape, returned as sent). (official name: `getServiceLanguageMatrix`)
     *
     * `GET translate/service/language_matrix`
     *
     * @param array<string, mixed> $params any further parameters, passed through
     * @return mixed `json` as normalised arrays
     */
    public function languageMatrix(array $params = []): mixed
    {
        return $this->call('language_matrix', $params);
    }

    /**
     * Price text or file jobs without ordering. (official name: `determineTranslationCost`)
     *
     * `POST translate/service/quote`
     *
     * @param mixed $jobs jobs keyed by your own keys; file jobs give a local `file_path`
     * @param array<string, mixed> $params any further parameters, passed through
     * @return array `{QuoteEntry}` as normalised arrays
     */
    public function quote(mixed $jobs, array $params = []): array
    {
        return $this->call('quote', ['jobs' => $jobs] + $params)['jobs'] ?? [];
    }

    /**
     * The account's glossaries. (official name: `getGlossaryList`)
     *
     * `GET translate/glossary`
     *
     * @param array<string, mixed> $params any further parameters, passed through
     * @return array `[Glossary]` as normalised arrays
     */
    public function glossaries(array $params = []): array
    {
        return $this->call('glossaries', $params);
    }

    /**
     * One glossary. (official name: `getGlossary`)
     *
     * `GET translate/glossary/{id}`
     *
     * @param int $id glossary id
     * @param array<string, mixed> $params any further parameters, passed through
     * @return array `Glossary` as normalised arrays
     */
    public function getGlossary(int $id, array $params = []): array
    {
        return $this->call('get_glossary', ['id' => $id] + $params);
    }

    /**
     * A glossary's file (bytes). (official name: `getGlossaryFile`)
     *
     * `GET translate/glossary/download/{id}`
     *
     * @param int $id glossary id
     * @param array<string, mixed> $params any further parameters, passed through
     * @return string the file's bytes
     */
    public function downloadGlossary(int $id, array $params = []): string
    {
        return self::bytes($this->call('download_glossary', ['id' => $id] + $params));
    }

    /**
     * Legacy v1.1: order one job. (official name: `postTranslationJob`)
     *
     * `POST translate/job` (v1.1)
     *
     * @param mixed $job one job payload
     * @param array<string, mixed> $params any further parameters, passed through
     * @return array `Job` as normalised arrays
     */
    public function postJob(mixed $job, array $params = []): array
    {
        return $this->call('post_job', ['job' => $job] + $params)['job'] ?? [];
    }

    /**
     * Legacy v1.1: the jobs of a group. (official name: `getTranslationJobGroup`)
     *
     * `GET translate/jobs/group/{group_id}` (v1.1)
     *
     * @param int $groupId group id
     * @param array<string, mixed> $params any further parameters, passed through
     * @return array `JobGroup` as normalised arrays
     */
    public function jobGroup(int $groupId, array $params = []): array
    {
        return $this->call('job_group', ['group_id' => $groupId] + $params);
    }

    /**
     * Legacy v1.1: JPEG preview of a translation (bytes). (official name: `getTranslationJobPreview`)
     *
     * `GET translate/job/{id}/preview` (v1.1)
     *
     * @param int $id job id
     * @param array<string, mixed> $params any further parameters, passed through
     * @return string the file's bytes
     */
    public function jobPreview(int $id, array $params = []): string
    {
        return self::bytes($this->call('job_preview', ['id' => $id] + $params));
    }

    /**
     * Legacy v1.1: cancel several jobs. (official name: `deleteTranslationJobs`)
     *
     * `DELETE translate/jobs` (v1.1)
     *
     * @param array|int|string $jobIds job ids (list, or comma-separated)
     * @param array<string, mixed> $params any further parameters, passed through
     * @return void nothing
     */
    public function cancelJobs(array|int|string $jobIds, array $params = []): void
    {
        $this->call('cancel_jobs', ['job_ids' => $jobIds] + $params);
    }
}
