// Calls a function that no library defines: loading with rtld_now must fail up front.
#include <rehearse/sdk/abi.h>

extern "C" const rehearse_plugin_v1* rehearse_fixture_function_that_does_not_exist(void);

extern "C" __attribute__((visibility("default"))) const rehearse_plugin_v1* rehearse_plugin_entry_v1(void) {
    return rehearse_fixture_function_that_does_not_exist();
}
