<?php
// Without Composer: require this file. With Composer, composer.json autoloads the same.
require_once __DIR__ . '/src/Exception.php';
require_once __DIR__ . '/src/Errors.php';
require_once __DIR__ . '/src/Library.php';
require_once __DIR__ . '/src/Operations.php';
require_once __DIR__ . '/src/Client.php';
