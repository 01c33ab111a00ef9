/* The C quickstart: order a job, wait until it is translated, approve it, print it.
 *
 *   cc quickstart.c $(pkg-config --cflags --libs gengo) -o quickstart
 *   GENGO_BASE_URL=... GENGO_PUBLIC_KEY=... GENGO_PRIVATE_KEY=... ./quickstart
 *
 * Results and errors are JSON text; this example reads the few numbers it needs with
 * strstr/strtoull (use your JSON library in real code). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gengo_guard.h"

static unsigned long long number_after(const char *json, const char *key) {
    const char *p = json ? strstr(json, key) : NULL;
    return p ? strtoull(p + strlen(key), NULL, 10) : 0;
}

static int fail(const char *what, char *err) {
    fprintf(stderr, "%s: %s\n", what, err ? err : "(no detail)");
    gengo_string_free(err);
    return 1;
}

int main(void) {
    gengo_client *client = NULL;
    char *err = NULL, *out = NULL;
    /* Keys and base URL from GENGO_PUBLIC_KEY, GENGO_PRIVATE_KEY and GENGO_BASE_URL. */
    if (gengo_client_new("{\"from_env\": true}", &client, &err) != GENGO_STATUS_OK) return fail("client", err);

    const char *order =
        "{\"jobs\": {\"greeting\": {\"type\": \"text\", \"body_src\": \"Hello from C\","
        " \"lc_src\": \"en\", \"lc_tgt\": \"ja\", \"tier\": \"standard\"}}}";
    if (gengo_client_call(client, "order_jobs", order, &out, &err) != GENGO_STATUS_OK) return fail("order", err);
    unsigned long long order_id = number_after(out, "\"order_id\":");
    gengo_string_free(out);

    /* Translators take minutes to days: wait (or take callbacks), then review. */
    if (gengo_client_wait_order(client, order_id, 600.0, 0.0, &out, &err) != GENGO_STATUS_OK) return fail("wait", err);
    unsigned long long job_id = number_after(out, "\"jobs_reviewable\":[");
    gengo_string_free(out);
    if (job_id == 0) return fail("wait", NULL);

    char params[96];
    snprintf(params, sizeof params, "{\"id\": %llu}", job_id);
    if (gengo_client_call(client, "get_job", params, &out, &err) != GENGO_STATUS_OK) return fail("get_job", err);
    const char *tgt = strstr(out, "\"body_tgt\":");
    printf("job %llu: %.60s\n", job_id, tgt ? tgt : "(no translation)");
    gengo_string_free(out);

    snprintf(params, sizeof params, "{\"id\": %llu, \"rating\": 5}", job_id);
    if (gengo_client_call(client, "approve_job", params, &out, &err) != GENGO_STATUS_OK) return fail("approve", err);
    gengo_string_free(out);
    printf("order %llu: job %llu approved\n", order_id, job_id);
    gengo_client_free(client);
    return 0;
}
