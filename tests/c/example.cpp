// A C++ program against gengo_guard.h: counts units and lists operations, then checks
// that errors come back as JSON. Build: g++ -std=c++17 -Wall -Wextra -Werror -Iinclude ...
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "gengo_guard.h"

namespace {
// Owns a string returned by the library.
struct GengoString {
    void operator()(char *s) const { gengo_string_free(s); }
};
using owned = std::unique_ptr<char, GengoString>;
}  // namespace

int main() {
    unsigned long long n = 0;
    if (gengo_unit_count("C++ and [[[Gengo]]] together", "en", &n, nullptr) != GENGO_STATUS_OK || n != 3) {
        std::fprintf(stderr, "unit count %llu\n", n);
        return 1;
    }
    owned ops(gengo_operations());
    if (!ops || !std::strstr(ops.get(), "\"name\":\"order_jobs\"")) return 1;

    gengo_client *raw = nullptr;
    char *err = nullptr;
    if (gengo_client_new("{\"base_url\": \"http://127.0.0.1:9\"}", &raw, &err) != GENGO_STATUS_OK) return 1;
    std::unique_ptr<gengo_client, void (*)(gengo_client *)> client(raw, gengo_client_free);
    char *result = nullptr;
    gengo_status st = gengo_client_call(client.get(), "account_balance", "{}", &result, &err);
    owned error(err);
    if (st != GENGO_STATUS_VALIDATION || result != nullptr || !std::strstr(error.get(), "GENGO_PRIVATE_KEY")) return 1;
    std::printf("gengo %s (ABI %u) from C++: ok\n", gengo_version(), gengo_abi_version());
    return 0;
}
