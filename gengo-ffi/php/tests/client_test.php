<?php
// GengoRs\Client (PHP FFI) against gengo sandbox. Run:
//   GENGO_TEST_BASE_URL=... GENGO_TEST_THROTTLED_URL=... php -d ffi.enable=1 tests/client_test.php

declare(strict_types=1);

require __DIR__ . '/../autoload.php';

use GengoRs\Client;

$passed = 0;
$failed = 0;
function check(bool $cond, string $what): void
{
    global $passed, $failed;
    if ($cond) {
        $passed++;
    } else {
        $failed++;
        fwrite(STDERR, "FAIL $what\n");
    }
}
/** Runs $f and returns the exception it throws (or null). */
function thrown(callable $f): ?Throwable
{
    try {
        $f();
        return null;
    } catch (Throwable $e) {
        return $e;
    }
}
function rss_kb(): int
{
    preg_match('/VmRSS:\s+(\d+)/', (string) file_get_contents('/proc/self/status'), $m);
    return (int) ($m[1] ?? 0);
}

$base = getenv('GENGO_TEST_BASE_URL');
$throttled = getenv('GENGO_TEST_THROTTLED_URL');
$keys = ['public_key' => 'sandbox_public_key', 'private_key' => 'sandbox_private_key', 'max_retries' => 0, 'rate_limit_per_minute' => 0];
$gengo = new Client($keys + ['base_url' => $base]);

check(Client::version() !== '', 'version');
check(GengoRs\Library::ffi()->gengo_abi_version() === GengoRs\Library::ABI_VERSION, 'the ABI this package follows');
$e = thrown(fn () => GengoRs\Library::checkAbi(2, '/opt/libgengo.so'));
check($e instanceof GengoRs\InvalidArgumentException && str_contains($e->getMessage(), 'speaks ABI version 2'), 'another ABI is refused');
check((float) $gengo->accountBalance()['credits'] > 0, 'balance');
check(count(array_filter($gengo->languages(), fn ($l) => $l['lc'] === 'ja')) === 1, 'languages');
check($gengo->languagePairs(['lc_src' => 'ja'])[0]['lc_src'] === 'ja', 'pairs filter');
check($gengo->quote(['k' => ['body_src' => 'plop plop!', 'lc_src' => 'en', 'lc_tgt' => 'es', 'tier' => 'pro']])['k']['unit_count'] === 2, 'quote');

// Order, poll, approve.
$run = getmypid() . '-' . time();
$receipt = $gengo->orderJobs([
    'one' => ['type' => 'text', 'body_src' => "Hello from PHP $run", 'lc_src' => 'en', 'lc_tgt' => 'ja', 'tier' => 'standard', 'custom_data' => 'php-1'],
    'two' => ['type' => 'text', 'body_src' => "Johnson & Johnson $run", 'lc_src' => 'en', 'lc_tgt' => 'fr', 'tier' => 'pro'],
], ['comment' => 'from PHP']);
check(is_int($receipt['order_id']) && $receipt['job_count'] === 2, 'order receipt');
$order = null;
for ($i = 0; $i < 200; $i++) {
    $order = $gengo->getOrder($receipt['order_id']);
    if (count($order['jobs_reviewable']) === 2) {
        break;
    }
    usleep(50000);
}
check(count($order['jobs_reviewable']) === 2, 'jobs reviewable');
$waited = $gengo->waitForOrder($receipt['order_id'], 10.0, 0.05);
check($waited['in_progress'] === false && count($waited['order']['jobs_reviewable']) === 2, 'waitForOrder');
[$a, $b] = $order['jobs_reviewable'];
$job = $gengo->getJob($a);
check($job['status'] === 'reviewable' && is_string($job['body_tgt']) && is_string($job['credits']), 'job decoded');
$gengo->approveJob($a, ['rating' => 5, 'for_translator' => 'merci']);
check($gengo->getJob($a)['status'] === 'approved', 'approved');
check($gengo->jobFeedback($a)['rating'] === '5', 'feedback');
$gengo->postJobComment($b, 'Johnson & Johnson stays as is');
$thread = $gengo->jobComments($b);
check(end($thread)['body'] === 'Johnson & Johnson stays as is', 'comment round trip');
$gengo->reviseJob($b, 'warmer please');
check($gengo->getJob($b)['status'] === 'revising', 'revising');
check($gengo->call('getTranslationJob', ['id' => $b])['job']['job_id'] === $b, 'official alias');

// Gengo's file flow: quote the files, then order by the quote's identifiers alone (pair
// and tier come from the quote), then read the jobs.
$dir = sys_get_temp_dir() . '/gengo-php-files-' . $run;
@mkdir($dir);
file_put_contents("$dir/menu.txt", "Soup of the day $run");
file_put_contents("$dir/faq.txt", "Where is my order $run");
$q = $gengo->quote([
    'filejob_01' => ['type' => 'file', 'file_path' => "$dir/menu.txt", 'lc_src' => 'en', 'lc_tgt' => 'ja', 'tier' => 'standard'],
    'filejob_02' => ['type' => 'file', 'file_path' => "$dir/faq.txt", 'lc_src' => 'en', 'lc_tgt' => 'ja', 'tier' => 'standard'],
]);
array_map('unlink', glob("$dir/*"));
rmdir($dir);
check(strlen($q['filejob_01']['identifier']) === 64, 'file quote identifier');
$files = $gengo->orderJobs([
    'filejob_01' => ['type' => 'file', 'identifier' => $q['filejob_01']['identifier'], 'comment' => 'Test comment', 'force' => 1],
    'filejob_02' => ['type' => 'file', 'identifier' => $q['filejob_02']['identifier'], 'comment' => 'Test comment', 'force' => 1],
]);
check($files['job_count'] === 2, 'files ordered by identifier');
$fo = $gengo->waitForOrder($files['order_id'], 10.0, 0.05)['order'];
$fj = $gengo->getJobs(array_merge($fo['jobs_reviewable'], $fo['jobs_available'], $fo['jobs_pending']));
check(count($fj) === 2 && $fj[0]['type'] === 'file' && $fj[1]['lc_tgt'] === 'ja', 'file jobs read');

// Errors with their kinds and codes.
$e = thrown(fn () => $gengo->approveJob($a));
check($e instanceof GengoRs\ApiException && $e->gengoCode() === 2250 && $e->kind === 'api', 'API error 2250');
$e = thrown(fn () => $gengo->getJob(999999));
check($e instanceof GengoRs\ApiException && $e->gengoCode() === 2100, 'API error 2100');
check(!$e->isNotFound(), '2100 is not "not found"');
$e = thrown(fn () => $gengo->getGlossary(999999));
check($e instanceof GengoRs\ApiException && $e->isNotFound() && $e->gengoCode() === 404, 'not found is a predicate');
$e = thrown(fn () => $gengo->orderJobs(['x' => ['body_src' => 'x', 'lc_src' => 'en', 'lc_tgt' => 'xx', 'tier' => 'standard'],
                                        'y' => ['body_src' => 'y', 'lc_src' => 'af', 'lc_tgt' => 'es', 'tier' => 'pro']]));
check($e instanceof GengoRs\MultiJobException && $e->jobErrors()['x'][0]['code'] === 1551 && $e->jobErrors()['y'][0]['code'] === 1551, 'per-job errors');
$e = thrown(fn () => $gengo->orderJobs(['x' => ['body_src' => 'x', 'lc_src' => 'en', 'lc_tgt' => 'ja', 'tier' => 'gold']]));
check($e instanceof GengoRs\ValidationException && $e->field() === 'jobs.x.tier', 'validation before sending');
$e = thrown(fn () => (new Client(['public_key' => 'sandbox_public_key', 'private_key' => 'wrong', 'base_url' => $base, 'max_retries' => 0]))->accountBalance());
check($e instanceof GengoRs\AuthException && $e->gengoCode() === 1000, 'auth error');
$e = thrown(fn () => new Client(['base_url' => 'ftp://x']));
check($e instanceof GengoRs\InvalidArgumentException, 'bad config');
$e = thrown(fn () => $gengo->postJobComment($b, 'file', ['files' => ['/nonexistent/x.txt']]));
check($e instanceof GengoRs\IoException, 'missing file');
$t = new Client($keys + ['base_url' => $throttled]);
$e = thrown(function () use ($t) {
    for ($i = 0; $i < 4; $i++) {
        $t->languages();
    }
});
check($e instanceof GengoRs\RateLimitedException && $e->retryAfter() > 0, 'rate limited');
check($e->isRetryable(), 'a 429 may be repeated');
$e = thrown(fn () => (new Client(['base_url' => 'http://127.0.0.1:1', 'max_retries' => 0]))->languages());
check($e instanceof GengoRs\TransportException && $e->kind === 'transport', 'transport error');
check($e->isRetryable(), 'nothing reached the server: retryable');
$e = thrown(fn () => $gengo->getJob(999999));
check($e instanceof GengoRs\ApiException && !$e->isRetryable(), 'an API error is not retryable');
$e = thrown(fn () => $gengo->orderJobs(['x' => ['body_src' => 'x', 'lc_src' => 'en', 'lc_tgt' => 'ja', 'tier' => 'gold']]));
check($e instanceof GengoRs\ValidationException && !$e->isRetryable(), 'validation is not retryable');

// Callbacks, units, bytes.
$ev = Client::parseCallback('job=' . urlencode('{"job_id":"42","status":"approved"}'), 'application/x-www-form-urlencoded');
check($ev['type'] === 'job' && $ev['job']['job_id'] === 42, 'callback');
check(thrown(fn () => Client::parseCallback('job=%7Bbroken')) instanceof GengoRs\DecodeException, 'broken callback');
check(Client::unitCount('Hello [[[Gengo]]] world', 'en') === 2, 'units');
$gid = $gengo->glossaries()[0]['id'];
check(str_contains($gengo->downloadGlossary($gid), 'Gengo'), 'glossary bytes');

// Explicit settings, then the environment, then the default: keys alone never send a
// request to production when GENGO_BASE_URL names the sandbox.
putenv("GENGO_BASE_URL=$base");
$envClient = new Client(['public_key' => 'sandbox_public_key', 'private_key' => 'sandbox_private_key', 'max_retries' => 0]);
check((float) $envClient->accountBalance()['credits'] > 0, 'GENGO_BASE_URL honoured with explicit keys');
$e = thrown(fn () => (new Client(['public_key' => 'sandbox_public_key', 'private_key' => 'sandbox_private_key', 'base_url' => 'http://127.0.0.1:1', 'max_retries' => 0]))->accountBalance());
check($e instanceof GengoRs\TransportException, 'an explicit base_url wins over the environment');
putenv('GENGO_BASE_URL');

// Parity with the table: every operation is a method (camelCase) and callable through
// call() by its canonical and official names; every error kind has its class, under the
// parent gengo-core names.
foreach (Client::operations() as $op) {
    $method = lcfirst(str_replace('_', '', ucwords($op['name'], '_')));
    check(method_exists($gengo, $method), "method $method");
    $positional = array_values(array_filter($op['params'], fn ($p) => $p['required'] && !($p['name'] === 'action' && $op['action'] !== null)));
    // A value of each parameter's type (from the table): empty, so the call is refused.
    $args = array_map(fn ($p) => match ($p['type']) {
        'str' => '',
        'id', 'int', 'flag', 'id_list' => 0,
        default => [],
    }, $positional);
    $e = thrown(fn () => $gengo->$method(...$args));
    check($e === null || $e instanceof GengoRs\ValidationException || $e instanceof GengoRs\ApiException, "$method dispatches: " . ($e ? get_class($e) . ' ' . $e->getMessage() : 'ok'));
    foreach (array_filter([$op['name'], $op['alias']]) as $name) {
        $e = thrown(fn () => $gengo->call($name, []));
        check(!($e instanceof GengoRs\InvalidArgumentException), "call('$name') is known");
    }
}
$kinds = Client::errorKinds();
check(count($kinds) === 12, 'twelve error kinds');
foreach ($kinds as $k) {
    $class = "GengoRs\\{$k['class']}Exception";
    $parent = $k['parent'] === null ? GengoRs\Exception::class : 'GengoRs\\' . str_replace('_', '', ucwords($k['parent'], '_')) . 'Exception';
    check(class_exists($class) && get_parent_class($class) === $parent, "$class extends $parent");
    $made = GengoRs\Exception::fromError($k['number'], ['kind' => $k['name'], 'message' => 'x']);
    check(get_class($made) === $class, "kind {$k['name']} makes $class");
}

// No leaks over 1,000 calls: results and errors are freed.
for ($i = 0; $i < 100; $i++) {
    Client::operations();
}
$before = rss_kb();
for ($i = 0; $i < 1000; $i++) {
    Client::operations();
    Client::parseCallback('comment=' . urlencode('{"job_id":1,"body":"x"}'));
    thrown(fn () => $gengo->call('get_job', ['id' => 0]));
    Client::unitCount('leak check', 'en');
}
$grown = rss_kb() - $before;
check($grown < 4096, "memory grew by $grown KB over 1,000 calls");

echo "$passed passed, $failed failed\n";
exit($failed ? 1 : 0);
