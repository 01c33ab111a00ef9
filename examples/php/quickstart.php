<?php
require __DIR__ . '/vendor/autoload.php';   // composer require gengo-rs/gengo-rs

$gengo = new GengoRs\Client();   // keys and base URL from GENGO_PUBLIC_KEY, GENGO_PRIVATE_KEY, GENGO_BASE_URL
try {
    $receipt = $gengo->orderJobs([
        'greeting' => ['type' => 'text', 'body_src' => 'Hello from PHP', 'lc_src' => 'en', 'lc_tgt' => 'ja', 'tier' => 'standard'],
    ], ['comment' => 'Keep it short']);
    // Translators take minutes to days: wait (or take callbacks), then review.
    $waited = $gengo->waitForOrder($receipt['order_id'], 600);
    foreach ($waited['order']['jobs_reviewable'] as $id) {
        $job = $gengo->getJob($id);
        echo $job['body_src'], ' -> ', $job['body_tgt'], "\n";
        $gengo->approveJob($id, ['rating' => 5]);
    }
    // Any operation by name or official alias:
    print_r($gengo->call('getTranslationOrderJobs', ['id' => $receipt['order_id']])['order']['jobs_approved']);
} catch (GengoRs\MultiJobException $e) {
    print_r($e->jobErrors());                 // every code of every job key
} catch (GengoRs\ApiException $e) {
    echo $e->gengoCode(), ' ', $e->getMessage();
}
