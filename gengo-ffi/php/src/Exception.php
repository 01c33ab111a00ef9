<?php

declare(strict_types=1);

namespace GengoRs;

/**
 * The root of every gengo error. Carries the kind (`api`, `auth`, `multi_job`, ...),
 * the Gengo code, the HTTP status, every per-job error and the whole error as sent by
 * the library.
 */
class Exception extends \RuntimeException
{
    /** @param array<string, mixed> $error */
    public function __construct(string $message, public readonly string $kind, public readonly array $error, public readonly int $status = 0)
    {
        parent::__construct($message, (int) ($error['code'] ?? 0));
    }

    /** @param array<string, mixed> $error */
    public static function fromError(int $status, array $error): self
    {
        $kind = (string) ($error['kind'] ?? 'panic');
        $class = ErrorKinds::CLASSES[$kind] ?? self::class;
        return new $class((string) ($error['message'] ?? 'gengo error'), $kind, $error, $status);
    }

    /** The Gengo error code (`err.code`), if any. */
    public function gengoCode(): ?int
    {
        return isset($this->error['code']) ? (int) $this->error['code'] : null;
    }

    public function httpStatus(): ?int
    {
        return isset($this->error['http_status']) ? (int) $this->error['http_status'] : null;
    }

    /** @return array<string, list<array{code: ?int, message: string}>> every per-job error by job key */
    public function jobErrors(): array
    {
        return $this->error['job_errors'] ?? [];
    }

    /**
     * Whether the server said the resource does not exist (code 404, as a number or the
     * string "404", or HTTP 404), as gengo-core decides it.
     */
    public function isNotFound(): bool
    {
        return ($this->error['not_found'] ?? false) === true;
    }

    /**
     * Whether the same call may be made again: it failed for a reason that can pass (rate
     * limited, a connection failure or timeout, HTTP 500/502/503/504), and repeating it
     * cannot order or change anything twice (GET and DELETE calls, or any call that never
     * reached Gengo). An order whose answer was lost is never retryable: look for it
     * first. As gengo-core decides it.
     */
    public function isRetryable(): bool
    {
        return ($this->error['retryable'] ?? false) === true;
    }
}

// One subclass per error kind: Errors.php, generated from gengo-core's ErrorKind.
