// A plugin written against the raw C ABI, with one field deliberately wrong per build variant.
#include <rehearse/sdk/abi.h>

#include <cstring>

namespace {

const char manifest[] = R"({"id":"fixture-raw","version":"1.0.0","name":"Raw ABI","kinds":["evaluator"]})";
const char bad_manifest[] = R"({"id":"Not An Id","version":"one","kinds":["telepathy"]})";

rehearse_status create(const rehearse_host_v1*, void** instance, rehearse_sink*) {
    *instance = nullptr;
    return REHEARSE_STATUS_OK;
}
void destroy(void*) {}
rehearse_status evaluate(void*, rehearse_text, rehearse_text, rehearse_sink* response, rehearse_sink*) {
    static const char body[] = R"({"score":1,"findings":[]})";
    response->append(response->context, body, std::strlen(body));
    return REHEARSE_STATUS_OK;
}

rehearse_plugin_v1 make_table() {
    rehearse_plugin_v1 t{sizeof(rehearse_plugin_v1),
                         REHEARSE_API_MAJOR,
                         REHEARSE_API_MINOR,
                         {manifest, sizeof(manifest) - 1},
                         &create,
                         &destroy,
                         &evaluate,
                         nullptr};
#if defined(REHEARSE_FIXTURE_wrong_major)
    t.api_major = REHEARSE_API_MAJOR + 1;
#elif defined(REHEARSE_FIXTURE_newer_minor)
    t.api_minor = REHEARSE_API_MINOR + 1;
#elif defined(REHEARSE_FIXTURE_short_struct)
    t.struct_size = 8;
#elif defined(REHEARSE_FIXTURE_missing_create)
    t.create = nullptr;
#elif defined(REHEARSE_FIXTURE_missing_evaluate)
    t.evaluate = nullptr;
#elif defined(REHEARSE_FIXTURE_bad_manifest)
    t.manifest_json = {bad_manifest, sizeof(bad_manifest) - 1};
#endif
    return t;
}

const rehearse_plugin_v1 table = make_table();

}  // namespace

extern "C" __attribute__((visibility("default"))) const rehearse_plugin_v1* rehearse_plugin_entry_v1(void) {
    return &table;
}
