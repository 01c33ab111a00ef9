<?php

declare(strict_types=1);

namespace GengoRs;

use FFI;

/**
 * Loads libgengo once per process.
 *
 * Under `ffi.enable=preload` (PHP's default for web servers) the library must be loaded at
 * startup, by `ffi.preload` or `opcache.preload` (see preload.php), as the FFI scope
 * GENGO_RS, which is used when present. Otherwise the library is found by
 * GENGO_FFI_LIB (a path to libgengo.so), else bundled in the package (lib/libgengo.so, as
 * in the composer package scripts/dist.sh writes), else in this repository's build output
 * (target/release, then target/debug), else by the system's loader; the header likewise
 * by GENGO_FFI_HEADER, else include/gengo.h in the package, else in the repository.
 */
final class Library
{
    /** The FFI scope preload.php registers. */
    public const SCOPE = 'GENGO_RS';

    /** The ABI this code follows (gengo-ffi's GENGO_ABI_VERSION). */
    public const ABI_VERSION = 1;

    private static ?FFI $ffi = null;

    public static function ffi(): FFI
    {
        if (self::$ffi === null) {
            $ffi = self::load();
            self::checkAbi((int) $ffi->gengo_abi_version(), self::paths()[1] ?? 'libgengo.so');
            self::$ffi = $ffi;
        }
        return self::$ffi;
    }

    /**
     * Refuses a library that speaks another ABI: its functions would be called with
     * signatures or meanings this code does not know.
     */
    public static function checkAbi(int $found, string $where): void
    {
        if ($found !== self::ABI_VERSION) {
            throw new InvalidArgumentException(
                "libgengo at $where speaks ABI version $found, and this gengo-rs/gengo-rs package needs " . self::ABI_VERSION
                . ': install libgengo and the package of one release (the composer package bundles both)',
                'invalid_argument',
                []
            );
        }
    }

    /** @return array{0: string, 1: ?string} the header and library paths the rule above finds */
    public static function paths(): array
    {
        $package = dirname(__DIR__);
        $repo = dirname(__DIR__, 3);
        $header = getenv('GENGO_FFI_HEADER') ?: null;
        $header ??= is_file("$package/include/gengo.h") ? "$package/include/gengo.h" : "$repo/include/gengo.h";
        $lib = getenv('GENGO_FFI_LIB') ?: null;
        $candidates = ["$package/lib/libgengo.so", "$repo/target/release/libgengo.so", "$repo/target/debug/libgengo.so"];
        foreach ($lib === null ? $candidates : [] as $candidate) {
            if (is_file($candidate)) {
                $lib = $candidate;
                break;
            }
        }
        return [$header, $lib];
    }

    private static function load(): FFI
    {
        try {
            return FFI::scope(self::SCOPE);
        } catch (\FFI\Exception) {
            // Not preloaded: load it here (allowed with ffi.enable=1, or on the command line).
        }
        [$header, $lib] = self::paths();
        $cdef = @file_get_contents($header);
        if ($cdef === false) {
            throw new InvalidArgumentException("cannot read the gengo header at $header (set GENGO_FFI_HEADER to include/gengo.h)", 'invalid_argument', []);
        }
        try {
            return FFI::cdef($cdef, $lib ?? 'libgengo.so');
        } catch (\FFI\Exception $e) {
            $hint = str_contains($e->getMessage(), 'ffi.enable')
                ? 'ffi.enable=preload: add opcache.preload=' . dirname(__DIR__) . '/preload.php to php.ini (as root, see that file)'
                : 'set GENGO_FFI_LIB to the path of libgengo.so';
            throw new InvalidArgumentException("cannot load libgengo: {$e->getMessage()} ($hint)", 'invalid_argument', []);
        }
    }

    /** The header text FFI::load and ffi.preload need: FFI_SCOPE and FFI_LIB, then gengo.h. */
    public static function preloadHeader(): string
    {
        [$header, $lib] = self::paths();
        $cdef = @file_get_contents($header);
        if ($cdef === false) {
            throw new \RuntimeException("gengo-rs preload: cannot read $header (set GENGO_FFI_HEADER)");
        }
        $lib = $lib === null ? 'libgengo.so' : (realpath($lib) ?: $lib);
        return '#define FFI_SCOPE "' . self::SCOPE . "\"\n#define FFI_LIB \"$lib\"\n" . $cdef;
    }

    /** Writes preloadHeader() to $path (for ffi.preload) and returns its absolute path. */
    public static function writePreloadHeader(string $path): string
    {
        if (@file_put_contents($path, self::preloadHeader()) === false) {
            throw new \RuntimeException("gengo-rs preload: cannot write $path");
        }
        return realpath($path) ?: $path;
    }

    /**
     * For preload.php under opcache.preload: registers the GENGO_RS scope with FFI::load,
     * unless ffi.preload registered it already.
     */
    public static function preload(): void
    {
        try {
            FFI::scope(self::SCOPE);
            return;
        } catch (\FFI\Exception) {
        }
        $file = tempnam(sys_get_temp_dir(), 'gengo-rs-');
        try {
            self::writePreloadHeader($file);
            FFI::load($file);
        } finally {
            @unlink($file);
        }
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
