<?php

declare(strict_types=1);

namespace Gengo;

use FFI;

/**
 * Loads libgengo once per process. The library is found by GENGO_FFI_LIB (a path to
 * libgengo.so), else in the repository's build output (target/release, then
 * target/debug), else by the system's loader. The header is include/gengo.h, or
 * GENGO_FFI_HEADER.
 */
final class Library
{
    private static ?FFI $ffi = null;

    public static function ffi(): FFI
    {
        if (self::$ffi === null) {
            $root = dirname(__DIR__, 3);
            $header = getenv('GENGO_FFI_HEADER') ?: $root . '/include/gengo.h';
            $lib = getenv('GENGO_FFI_LIB') ?: null;
            if ($lib === null) {
                foreach (['release', 'debug'] as $profile) {
                    $candidate = "$root/target/$profile/libgengo.so";
                    if (is_file($candidate)) {
                        $lib = $candidate;
                        break;
                    }
                }
            }
            $cdef = @file_get_contents($header);
            if ($cdef === false) {
                throw new InvalidArgumentException("cannot read the gengo header at $header (set GENGO_FFI_HEADER)", 'invalid_argument', []);
            }
            self::$ffi = FFI::cdef($cdef, $lib ?? 'libgengo.so');
        }
        return self::$ffi;
    }

    /** Copies a string the library returned and releases it. */
    public static function take($ptr): ?string
    {
        if ($ptr === null || FFI::isNull($ptr)) {
            return null;
        }
        $s = FFI::string($ptr);
        self::ffi()->gengo_string_free($ptr);
        return $s;
    }

    /** Turns a status and error JSON into an exception. */
    public static function raise(int $status, ?string $errorJson): never
    {
        $err = $errorJson !== null ? json_decode($errorJson, true) : null;
        if (!is_array($err)) {
            $err = ['kind' => 'panic', 'message' => "gengo status $status"];
        }
        throw Exception::fromError($status, $err);
    }

    public static function json(array|object|null $value): string
    {
        if ($value === null || $value === []) {
            return '{}';
        }
        return json_encode($value, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR);
    }

    public static function decode(string $json): mixed
    {
        return json_decode($json, true, 512, JSON_BIGINT_AS_STRING | JSON_THROW_ON_ERROR);
    }
}
