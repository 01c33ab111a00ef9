<?php
// gengo-rs under ffi.enable=preload, PHP's default outside the command line (php-fpm,
// php -S, Apache). There PHP allows the FFI API only to code preloaded by OPcache, so this
// script is preloaded: it loads gengo-rs's classes and registers libgengo as the FFI scope
// GENGO_RS, which GengoRs\Library uses. In php.ini:
//
//     opcache.enable=1
//     opcache.preload=/path/to/vendor/gengo-rs/gengo-rs/preload.php
//
// When PHP starts as root (php-fpm's usual master), OPcache needs opcache.preload_user and
// then refuses FFI::load: register the scope with ffi.preload instead. Run once
//
//     php vendor/gengo-rs/gengo-rs/preload.php
//
// which writes include/gengo-rs-preload.h (gengo.h with the library's absolute path) and
// prints the three lines to add, for example:
//
//     ffi.preload=/path/to/vendor/gengo-rs/gengo-rs/include/gengo-rs-preload.h
//     opcache.preload=/path/to/vendor/gengo-rs/gengo-rs/preload.php
//     opcache.preload_user=www-data

declare(strict_types=1);

require_once __DIR__ . '/src/Exception.php';
require_once __DIR__ . '/src/Errors.php';
require_once __DIR__ . '/src/Library.php';
require_once __DIR__ . '/src/Operations.php';
require_once __DIR__ . '/src/Client.php';

if (PHP_SAPI === 'cli' && realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === __FILE__) {
    $header = GengoRs\Library::writePreloadHeader(__DIR__ . '/include/gengo-rs-preload.h');
    echo "wrote $header; add to php.ini:\n";
    echo "ffi.preload=$header\nopcache.preload=" . __FILE__ . "\nopcache.preload_user=www-data\n";
} else {
    GengoRs\Library::preload();
}
