// A shared library that is not a Rehearse plugin: it exports something else.
extern "C" __attribute__((visibility("default"))) int fixture_not_a_plugin(void) { return 42; }
