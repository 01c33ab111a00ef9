/* The C ABI from C: the order lifecycle against `gengo sandbox`, every status, NULL and
 * bad input, the callback parser, unit counting, bytes, and 8 threads sharing one client.
 *
 * Environment: GENGO_TEST_BASE_URL (a sandbox with a fast clock and no throttling) and
 * GENGO_TEST_THROTTLED_URL (a sandbox allowing 2 requests a minute).
 * Build: cc -Wall -Wextra -Werror -Iinclude tests/c/test_gengo.c -Ltarget/debug -lgengo -lpthread
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "gengo_guard.h"

static int passed = 0, failed = 0;

#define CHECK(cond, ...)                                                   \
    do {                                                                   \
        if (cond) {                                                        \
            passed++;                                                      \
        } else {                                                           \
            failed++;                                                      \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);           \
            fprintf(stderr, __VA_ARGS__);                                  \
            fprintf(stderr, "\n");                                         \
        }                                                                  \
    } while (0)

static void sleep_ms(long ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* The unsigned number after "key": in a JSON text (0 when absent). */
static unsigned long long json_u64(const char *json, const char *key) {
    char needle[128];
    snprintf(needle, sizeof needle, "\"%s\":", key);
    const char *p = json ? strstr(json, needle) : NULL;
    if (!p) return 0;
    p += strlen(needle);
    while (*p == ' ' || *p == '"' || *p == '[') p++;
    return strtoull(p, NULL, 10);
}

/* The ids listed in "key":[a,b,...]; returns how many (at most max). */
static int json_ids(const char *json, const char *key, unsigned long long *out, int max) {
    char needle[128];
    snprintf(needle, sizeof needle, "\"%s\":[", key);
    const char *p = json ? strstr(json, needle) : NULL;
    int n = 0;
    if (!p) return 0;
    p += strlen(needle);
    while (*p && *p != ']' && n < max) {
        char *end;
        unsigned long long v = strtoull(p, &end, 10);
        if (end == p) break;
        out[n++] = v;
        p = end;
        while (*p == ',' || *p == ' ') p++;
    }
    return n;
}

/* The string value of "field" inside the object that follows "key": (64 hex digits at most). */
static int json_str_in(const char *json, const char *key, const char *field, char *out, size_t size) {
    char needle[128];
    snprintf(needle, sizeof needle, "\"%s\":", key);
    const char *p = json ? strstr(json, needle) : NULL;
    if (!p) return 0;
    snprintf(needle, sizeof needle, "\"%s\":\"", field);
    p = strstr(p, needle);
    if (!p) return 0;
    p += strlen(needle);
    size_t n = 0;
    while (p[n] && p[n] != '"' && n + 1 < size) n++;
    memcpy(out, p, n);
    out[n] = 0;
    return (int)n;
}

static gengo_client *new_client(const char *base, const char *private_key, double timeout) {
    char cfg[512];
    snprintf(cfg, sizeof cfg,
             "{\"public_key\":\"sandbox_public_key\",\"private_key\":\"%s\",\"base_url\":\"%s\","
             "\"max_retries\":0,\"rate_limit_per_minute\":0,\"timeout\":%g,\"connect_timeout\":%g}",
             private_key, base, timeout, timeout);
    gengo_client *c = NULL;
    char *err = NULL;
    gengo_status st = gengo_client_new(cfg, &c, &err);
    if (st != GENGO_STATUS_OK) {
        fprintf(stderr, "client_new failed: %s\n", err ? err : "?");
        gengo_string_free(err);
        exit(2);
    }
    return c;
}

/* Calls and keeps the result or the error; returns the status. */
static gengo_status call(const gengo_client *c, const char *op, const char *params, char **out) {
    char *res = NULL, *err = NULL;
    gengo_status st = gengo_client_call(c, op, params, &res, &err);
    if (st == GENGO_STATUS_OK) {
        *out = res;
        if (err != NULL) fprintf(stderr, "error written on success\n"), failed++;
    } else {
        *out = err;
        if (res != NULL) fprintf(stderr, "result written on failure\n"), failed++;
    }
    return st;
}

static void expect(const gengo_client *c, const char *op, const char *params, gengo_status want, const char *needle) {
    char *out = NULL;
    gengo_status st = call(c, op, params, &out);
    CHECK(st == want, "%s %s: status %d, want %d: %s", op, params ? params : "NULL", (int)st, (int)want, out ? out : "");
    if (needle) CHECK(out && strstr(out, needle), "%s: no %s in %s", op, needle, out ? out : "NULL");
    gengo_string_free(out);
}

/* Polls an order until `key` lists `n` jobs; returns the text of the last answer. */
static char *wait_for(const gengo_client *c, unsigned long long order_id, const char *key, int n) {
    char params[64];
    snprintf(params, sizeof params, "{\"id\":%llu}", order_id);
    for (int i = 0; i < 400; i++) {
        char *out = NULL;
        if (call(c, "getTranslationOrderJobs", params, &out) == GENGO_STATUS_OK) {
            unsigned long long ids[16];
            if (json_ids(out, key, ids, 16) >= n) return out;
        }
        gengo_string_free(out);
        sleep_ms(50);
    }
    return NULL;
}

/* ---- a canned server for the HTTP-error, decode and timeout cases ---- */

struct canned {
    int fd;
    const char *reply; /* NULL: accept nothing, never answer */
    int count;
};

static int listen_local(int *port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(fd, 8) != 0) return -1;
    socklen_t len = sizeof a;
    getsockname(fd, (struct sockaddr *)&a, &len);
    *port = ntohs(a.sin_port);
    return fd;
}

static void *serve_canned(void *arg) {
    struct canned *s = arg;
    for (int i = 0; i < s->count; i++) {
        int conn = accept(s->fd, NULL, NULL);
        if (conn < 0) break;
        char buf[4096];
        ssize_t got = recv(conn, buf, sizeof buf, 0);
        (void)got;
        ssize_t sent = send(conn, s->reply, strlen(s->reply), 0);
        (void)sent;
        close(conn);
    }
    return NULL;
}

/* ---- threads ---- */

struct worker {
    const gengo_client *client;
    unsigned long long order_id;
    int ok;
};

static void *work(void *arg) {
    struct worker *w = arg;
    char params[64];
    snprintf(params, sizeof params, "{\"id\":%llu}", w->order_id);
    for (int i = 0; i < 10; i++) {
        char *out = NULL;
        if (call(w->client, "account_balance", NULL, &out) == GENGO_STATUS_OK && strstr(out, "credits")) w->ok++;
        gengo_string_free(out);
        if (call(w->client, "get_order", params, &out) == GENGO_STATUS_OK && strstr(out, "order_id")) w->ok++;
        gengo_string_free(out);
    }
    return NULL;
}

int main(void) {
    const char *base = getenv("GENGO_TEST_BASE_URL");
    const char *throttled = getenv("GENGO_TEST_THROTTLED_URL");
    if (!base || !throttled) {
        fprintf(stderr, "set GENGO_TEST_BASE_URL and GENGO_TEST_THROTTLED_URL\n");
        return 2;
    }

    /* version, ABI, harmless frees */
    CHECK(strlen(gengo_version()) > 0, "version");
    CHECK(gengo_abi_version() == 1, "abi %u", gengo_abi_version());
    gengo_string_free(NULL);
    gengo_client_free(NULL);

    /* bad input to client_new: ordinary errors, out-parameters untouched */
    {
        gengo_client *c = NULL;
        char *err = NULL;
        CHECK(gengo_client_new(NULL, &c, &err) == GENGO_STATUS_INVALID_ARGUMENT && c == NULL, "NULL config");
        CHECK(err && strstr(err, "NULL"), "NULL config message");
        gengo_string_free(err);
        err = NULL;
        CHECK(gengo_client_new("{not json", &c, &err) == GENGO_STATUS_INVALID_ARGUMENT && c == NULL, "bad JSON");
        CHECK(err && strstr(err, "\"kind\":\"invalid_argument\""), "bad JSON kind: %s", err ? err : "");
        gengo_string_free(err);
        err = NULL;
        CHECK(gengo_client_new("{\"privat_key\":\"x\"}", &c, &err) == GENGO_STATUS_INVALID_ARGUMENT, "unknown key");
        CHECK(err && strstr(err, "privat_key"), "unknown key named");
        gengo_string_free(err);
        CHECK(gengo_client_new("{}", NULL, NULL) == GENGO_STATUS_INVALID_ARGUMENT, "NULL out_client");
    }

    gengo_client *client = new_client(base, "sandbox_private_key", 10);

    /* bad input to call */
    {
        char *res = NULL, *err = NULL;
        CHECK(gengo_client_call(NULL, "languages", NULL, &res, &err) == GENGO_STATUS_INVALID_ARGUMENT && res == NULL, "NULL client");
        gengo_string_free(err);
        err = NULL;
        CHECK(gengo_client_call(client, NULL, NULL, &res, &err) == GENGO_STATUS_INVALID_ARGUMENT, "NULL operation");
        gengo_string_free(err);
        err = NULL;
        CHECK(gengo_client_call(client, "\xff\xfe", NULL, &res, &err) == GENGO_STATUS_INVALID_ARGUMENT, "invalid UTF-8");
        CHECK(err && strstr(err, "UTF-8"), "UTF-8 message");
        gengo_string_free(err);
        err = NULL;
        CHECK(gengo_client_call(client, "languages", NULL, NULL, &err) == GENGO_STATUS_INVALID_ARGUMENT, "NULL out_result");
        gengo_string_free(err);
        CHECK(gengo_client_call(client, "languages", NULL, NULL, NULL) == GENGO_STATUS_INVALID_ARGUMENT, "NULL out_error is fine");
        expect(client, "get_job", "{\"id\":", GENGO_STATUS_INVALID_ARGUMENT, "not valid JSON");
        expect(client, "getNothing", "{}", GENGO_STATUS_INVALID_ARGUMENT, "unknown operation");
        expect(client, "get_job", "[1]", GENGO_STATUS_INVALID_ARGUMENT, "JSON object");
    }

    /* reads; the canonical name and the official alias */
    expect(client, "account_balance", NULL, GENGO_STATUS_OK, "\"credits\"");
    expect(client, "getServiceLanguages", "{}", GENGO_STATUS_OK, "\"unit_type\":\"character\"");
    expect(client, "language_pairs", "{\"lc_src\":\"ja\"}", GENGO_STATUS_OK, "\"lc_src\":\"ja\"");
    expect(client, "quote", "{\"jobs\":{\"a\":{\"body_src\":\"plop plop!\",\"lc_src\":\"en\",\"lc_tgt\":\"es\",\"tier\":\"pro\"}}}", GENGO_STATUS_OK, "\"unit_count\":2");

    /* validation before sending, errors from the API, per-job errors, local files */
    expect(client, "order_jobs", "{\"jobs\":{\"a\":{\"body_src\":\"x\",\"lc_src\":\"en\",\"lc_tgt\":\"ja\",\"tier\":\"gold\"}}}", GENGO_STATUS_VALIDATION, "\"field\":\"jobs.a.tier\"");
    expect(client, "order_jobs", "{\"jobs\":{\"a\":{\"body_src\":\"x\",\"lc_src\":\"en\",\"lc_tgt\":\"xx\",\"tier\":\"standard\"}}}", GENGO_STATUS_MULTI_JOB, "\"a\":[{\"code\":1551");
    expect(client, "get_job", "{\"id\":999999}", GENGO_STATUS_API, "\"code\":2100");
    expect(client, "get_job", "{\"id\":999999}", GENGO_STATUS_API, "\"retryable\":false");

    /* Gengo's file flow: the quote uploads the files and answers an identifier per job;
     * the order names the identifier alone (pair and tier come from the quote). */
    {
        char dir[] = "/tmp/gengo-c-files-XXXXXX";
        CHECK(mkdtemp(dir) != NULL, "mkdtemp");
        char path1[128], path2[128], quote[1024], ident1[80] = "", ident2[80] = "";
        snprintf(path1, sizeof path1, "%s/menu.txt", dir);
        snprintf(path2, sizeof path2, "%s/faq.txt", dir);
        FILE *f = fopen(path1, "w");
        if (f) fprintf(f, "Soup of the day %ld", (long)getpid()), fclose(f);
        f = fopen(path2, "w");
        if (f) fprintf(f, "Where is my order %ld", (long)getpid()), fclose(f);
        snprintf(quote, sizeof quote,
                 "{\"jobs\":{\"filejob_01\":{\"type\":\"file\",\"file_path\":\"%s\",\"lc_src\":\"en\",\"lc_tgt\":\"ja\",\"tier\":\"standard\"},"
                 "\"filejob_02\":{\"type\":\"file\",\"file_path\":\"%s\",\"lc_src\":\"en\",\"lc_tgt\":\"ja\",\"tier\":\"standard\"}}}",
                 path1, path2);
        char *q = NULL;
        CHECK(call(client, "quote", quote, &q) == GENGO_STATUS_OK, "file quote: %s", q ? q : "");
        CHECK(json_str_in(q, "filejob_01", "identifier", ident1, sizeof ident1) == 64, "identifier 1: %s", q ? q : "");
        CHECK(json_str_in(q, "filejob_02", "identifier", ident2, sizeof ident2) == 64, "identifier 2: %s", q ? q : "");
        gengo_string_free(q);
        remove(path1);
        remove(path2);
        rmdir(dir);
        char files_order[512];
        snprintf(files_order, sizeof files_order,
                 "{\"jobs\":{\"filejob_01\":{\"type\":\"file\",\"identifier\":\"%s\",\"comment\":\"Test comment\",\"force\":1},"
                 "\"filejob_02\":{\"type\":\"file\",\"identifier\":\"%s\",\"comment\":\"Test comment\",\"force\":1}}}",
                 ident1, ident2);
        char *r = NULL;
        CHECK(call(client, "order_jobs", files_order, &r) == GENGO_STATUS_OK && json_u64(r, "job_count") == 2, "file order: %s", r ? r : "");
        unsigned long long file_order = json_u64(r, "order_id");
        gengo_string_free(r);
        char *o = wait_for(client, file_order, "jobs_reviewable", 2);
        CHECK(o != NULL, "file jobs translated");
        unsigned long long fids[2] = {0, 0};
        json_ids(o, "jobs_reviewable", fids, 2);
        gengo_string_free(o);
        char ids_params[96];
        snprintf(ids_params, sizeof ids_params, "{\"ids\":[%llu,%llu]}", fids[0], fids[1]);
        char *jobs = NULL;
        CHECK(call(client, "get_jobs", ids_params, &jobs) == GENGO_STATUS_OK, "file jobs: %s", jobs ? jobs : "");
        const char *second = jobs ? strstr(jobs, "\"type\":\"file\"") : NULL;
        CHECK(second && strstr(second + 1, "\"type\":\"file\"") && strstr(jobs, "\"lc_tgt\":\"ja\""), "two file jobs: %s", jobs ? jobs : "");
        gengo_string_free(jobs);
    }

    /* the lifecycle (texts unique per run: a reused sandbox must not see duplicates) */
    char *out = NULL;
    char order_json[512];
    long run = (long)getpid() * 1000 + (long)(time(NULL) % 1000);
    snprintf(order_json, sizeof order_json,
             "{\"jobs\":{\"one\":{\"type\":\"text\",\"body_src\":\"Hello from C%ld\",\"lc_src\":\"en\",\"lc_tgt\":\"ja\",\"tier\":\"standard\",\"custom_data\":\"c-1\"},"
             "\"two\":{\"type\":\"text\",\"body_src\":\"Second job%ld\",\"lc_src\":\"en\",\"lc_tgt\":\"ja\",\"tier\":\"standard\"}},\"comment\":\"from C\"}",
             run, run);
    gengo_status st = call(client, "postTranslationJobs", order_json, &out);
    CHECK(st == GENGO_STATUS_OK && strstr(out, "\"credits_used\":\"0.2"), "order: %s", out ? out : "");
    unsigned long long order_id = json_u64(out, "order_id");
    gengo_string_free(out);
    CHECK(order_id > 0, "order id");

    char *order = NULL;
    char *werr = NULL;
    st = gengo_client_wait_order(client, order_id, 20.0, 0.05, &order, &werr);
    CHECK(st == GENGO_STATUS_OK && order && strstr(order, "\"in_progress\":false"), "wait_order: %s", order ? order : (werr ? werr : ""));
    gengo_string_free(werr);
    CHECK(order != NULL, "jobs became reviewable");
    werr = NULL;
    out = NULL;
    CHECK(gengo_client_wait_order(client, order_id, -1.0, 0.0, &out, &werr) == GENGO_STATUS_INVALID_ARGUMENT && out == NULL, "negative timeout");
    gengo_string_free(werr);
    unsigned long long ids[2] = {0, 0};
    json_ids(order, "jobs_reviewable", ids, 2);
    gengo_string_free(order);
    char params[256];
    snprintf(params, sizeof params, "{\"id\":%llu}", ids[0]);
    expect(client, "get_job", params, GENGO_STATUS_OK, "\"status\":\"reviewable\"");
    snprintf(params, sizeof params, "{\"id\":%llu,\"rating\":5,\"for_translator\":\"thanks\"}", ids[0]);
    expect(client, "approve_job", params, GENGO_STATUS_OK, NULL);
    expect(client, "approve_job", params, GENGO_STATUS_API, "\"code\":2250");
    snprintf(params, sizeof params, "{\"id\":%llu}", ids[0]);
    expect(client, "job_feedback", params, GENGO_STATUS_OK, "\"rating\":\"5\"");
    snprintf(params, sizeof params, "{\"id\":%llu,\"action\":\"revise\",\"comment\":\"warmer please\"}", ids[1]);
    expect(client, "updateTranslationJob", params, GENGO_STATUS_OK, NULL);
    order = wait_for(client, order_id, "jobs_reviewable", 1);
    CHECK(order != NULL, "revised job reviewable again");
    gengo_string_free(order);
    snprintf(params, sizeof params, "{\"id\":%llu,\"reason\":\"quality\",\"comment\":\"no\",\"follow_up\":\"cancel\"}", ids[1]);
    expect(client, "reject_job", params, GENGO_STATUS_OK, NULL);
    snprintf(params, sizeof params, "{\"id\":%llu,\"body\":\"see file\",\"files\":[\"/nonexistent/file.txt\"]}", ids[1]);
    expect(client, "post_job_comment", params, GENGO_STATUS_IO, "/nonexistent/file.txt");
    snprintf(params, sizeof params, "{\"id\":%llu,\"body\":\"thanks from C\"}", ids[1]);
    expect(client, "post_job_comment", params, GENGO_STATUS_OK, NULL);
    snprintf(params, sizeof params, "{\"id\":%llu}", ids[1]);
    expect(client, "job_comments", params, GENGO_STATUS_OK, "thanks from C");
    expect(client, "job_revisions", params, GENGO_STATUS_OK, "\"rev_id\":2");

    /* bytes come back as base64 */
    st = call(client, "glossaries", NULL, &out);
    unsigned long long glossary = json_u64(out, "id");
    gengo_string_free(out);
    snprintf(params, sizeof params, "{\"id\":%llu}", glossary);
    expect(client, "download_glossary", params, GENGO_STATUS_OK, "\"base64\":\"");

    /* eight threads, one client */
    {
        pthread_t t[8];
        struct worker w[8];
        for (int i = 0; i < 8; i++) {
            w[i].client = client;
            w[i].order_id = order_id;
            w[i].ok = 0;
            pthread_create(&t[i], NULL, work, &w[i]);
        }
        int ok = 0;
        for (int i = 0; i < 8; i++) {
            pthread_join(t[i], NULL);
            ok += w[i].ok;
        }
        CHECK(ok == 160, "threads: %d of 160 calls succeeded", ok);
    }

    /* auth, rate limit, transport, timeout, TLS, HTTP and decode errors */
    {
        gengo_client *bad = new_client(base, "wrong", 10);
        expect(bad, "account_balance", NULL, GENGO_STATUS_AUTH, "\"code\":1000");
        gengo_client_free(bad);

        gengo_client *t = new_client(throttled, "sandbox_private_key", 10);
        char *o = NULL;
        gengo_status s = GENGO_STATUS_OK;
        for (int i = 0; i < 4 && s == GENGO_STATUS_OK; i++) {
            s = call(t, "languages", NULL, &o);
            if (s == GENGO_STATUS_OK) gengo_string_free(o), o = NULL;
        }
        CHECK(s == GENGO_STATUS_RATE_LIMITED && o && strstr(o, "\"retry_after\""), "rate limited: %s", o ? o : "");
        CHECK(o && strstr(o, "\"retryable\":true"), "a 429 may be repeated: %s", o ? o : "");
        gengo_string_free(o);
        gengo_client_free(t);

        int port;
        int fd = listen_local(&port);
        close(fd); /* nothing listens there now */
        char url[128];
        snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
        gengo_client *refused = new_client(url, "x", 5);
        expect(refused, "languages", NULL, GENGO_STATUS_TRANSPORT, "refused");
        /* Nothing reached the server: even an order may be repeated. */
        expect(refused, "order_jobs", "{\"jobs\":{\"a\":{\"body_src\":\"x\",\"lc_src\":\"en\",\"lc_tgt\":\"ja\",\"tier\":\"standard\"}}}",
               GENGO_STATUS_TRANSPORT, "\"retryable\":true");
        gengo_client_free(refused);

        fd = listen_local(&port); /* listens, never answers */
        snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
        gengo_client *slow = new_client(url, "x", 0.5);
        expect(slow, "languages", NULL, GENGO_STATUS_TIMEOUT, "\"kind\":\"timeout\"");
        gengo_client_free(slow);
        close(fd);

        const char *hostport = strstr(base, "://") + 3;
        snprintf(url, sizeof url, "https://%s", hostport);
        gengo_client *tls = new_client(url, "x", 5);
        expect(tls, "languages", NULL, GENGO_STATUS_TLS, "TLS");
        gengo_client_free(tls);

        struct canned s502 = {listen_local(&port), "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 12\r\nConnection: close\r\n\r\nupstream bad", 1};
        pthread_t th;
        pthread_create(&th, NULL, serve_canned, &s502);
        snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
        gengo_client *h = new_client(url, "x", 5);
        expect(h, "languages", NULL, GENGO_STATUS_HTTP, "\"http_status\":502");
        gengo_client_free(h);
        pthread_join(th, NULL);
        close(s502.fd);

        struct canned notjson = {listen_local(&port), "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 8\r\nConnection: close\r\n\r\nnot json", 1};
        pthread_create(&th, NULL, serve_canned, &notjson);
        snprintf(url, sizeof url, "http://127.0.0.1:%d", port);
        gengo_client *d = new_client(url, "x", 5);
        expect(d, "languages", NULL, GENGO_STATUS_DECODE, "\"snippet\":\"not json\"");
        gengo_client_free(d);
        pthread_join(th, NULL);
        close(notjson.fd);
    }

    /* callbacks */
    {
        const char *form = "job=%7B%22job_id%22%3A%2242%22%2C%22status%22%3A%22reviewable%22%2C%22credits%22%3A%220.05%22%7D";
        char *ev = NULL, *err = NULL;
        CHECK(gengo_parse_callback(form, strlen(form), "application/x-www-form-urlencoded", &ev, &err) == GENGO_STATUS_OK, "callback form");
        CHECK(ev && strstr(ev, "\"type\":\"job\"") && strstr(ev, "\"job_id\":42") && strstr(ev, "\"credits\":\"0.05\""), "event: %s", ev ? ev : "");
        gengo_string_free(ev);
        ev = NULL;
        const char *json_body = "{\"comment\":{\"job_id\":7,\"body\":\"hi\"}}";
        CHECK(gengo_parse_callback(json_body, strlen(json_body), NULL, &ev, &err) == GENGO_STATUS_OK && strstr(ev, "\"type\":\"comment\""), "callback JSON");
        gengo_string_free(ev);
        ev = NULL;
        CHECK(gengo_parse_callback("job=%7Bbroken", 13, NULL, &ev, &err) == GENGO_STATUS_DECODE && ev == NULL, "broken callback");
        gengo_string_free(err);
        err = NULL;
        CHECK(gengo_parse_callback(NULL, 5, NULL, &ev, &err) == GENGO_STATUS_INVALID_ARGUMENT, "NULL body");
        gengo_string_free(err);
        err = NULL;
        CHECK(gengo_parse_callback("", 0, NULL, &ev, &err) == GENGO_STATUS_DECODE, "empty body");
        gengo_string_free(err);
        CHECK(gengo_parse_callback(form, strlen(form), NULL, NULL, NULL) == GENGO_STATUS_INVALID_ARGUMENT, "NULL out_event");
    }

    /* units, the operation table */
    {
        unsigned long long n = 0;
        CHECK(gengo_unit_count("Hello [[[Gengo]]] world", "en", &n, NULL) == GENGO_STATUS_OK && n == 2, "words: %llu", n);
        CHECK(gengo_unit_count("日本語です。", "ja", &n, NULL) == GENGO_STATUS_OK && n == 5, "characters: %llu", n);
        char *err = NULL;
        CHECK(gengo_unit_count(NULL, "en", &n, &err) == GENGO_STATUS_INVALID_ARGUMENT, "NULL text");
        gengo_string_free(err);
        char *ops = gengo_operations();
        CHECK(ops && strstr(ops, "\"alias\":\"getTranslationJob\""), "operations");
        /* Parity with the table: every operation is callable by its canonical and its
           official name (a known name never gives INVALID_ARGUMENT for an empty object). */
        int n_ops = 0;
        for (const char *p = ops; p && (p = strstr(p, "{\"name\":\"")) != NULL;) {
            p += 9;
            const char *end = strchr(p, '"');
            if (!end || strncmp(end, "\",\"alias\":", 10) != 0) continue;
            char names[2][64] = {{0}, {0}};
            snprintf(names[0], sizeof names[0], "%.*s", (int)(end - p), p);
            const char *alias = end + 10;
            if (*alias == '"') {
                const char *aend = strchr(alias + 1, '"');
                if (aend) snprintf(names[1], sizeof names[1], "%.*s", (int)(aend - alias - 1), alias + 1);
            }
            for (int i = 0; i < 2; i++) {
                if (!names[i][0]) continue;
                char *out = NULL;
                gengo_status st = call(client, names[i], "{}", &out);
                CHECK(st != GENGO_STATUS_INVALID_ARGUMENT && st != GENGO_STATUS_PANIC, "%s is known (%d)", names[i], (int)st);
                gengo_string_free(out);
            }
            n_ops++;
        }
        CHECK(n_ops == 35, "35 operations, got %d", n_ops);
        gengo_string_free(ops);
        /* Every error kind is the status of the same name and number. */
        char *kinds = gengo_error_kinds();
        static const struct { const char *name; gengo_status status; } want[] = {
            {"invalid_argument", GENGO_STATUS_INVALID_ARGUMENT}, {"validation", GENGO_STATUS_VALIDATION},
            {"api", GENGO_STATUS_API}, {"auth", GENGO_STATUS_AUTH}, {"multi_job", GENGO_STATUS_MULTI_JOB},
            {"rate_limited", GENGO_STATUS_RATE_LIMITED}, {"transport", GENGO_STATUS_TRANSPORT},
            {"timeout", GENGO_STATUS_TIMEOUT}, {"tls", GENGO_STATUS_TLS}, {"decode", GENGO_STATUS_DECODE},
            {"http", GENGO_STATUS_HTTP}, {"io", GENGO_STATUS_IO},
        };
        int n_kinds = 0;
        for (const char *p = kinds; p && (p = strstr(p, "\"number\":")) != NULL; p++) n_kinds++;
        CHECK(n_kinds == (int)(sizeof want / sizeof want[0]), "%d error kinds", n_kinds);
        for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
            char needle[96];
            snprintf(needle, sizeof needle, "\"name\":\"%s\",\"number\":%d,", want[i].name, (int)want[i].status);
            CHECK(kinds && strstr(kinds, needle), "kind %s is status %d", want[i].name, (int)want[i].status);
        }
        gengo_string_free(kinds);
    }

    gengo_client_free(client);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
