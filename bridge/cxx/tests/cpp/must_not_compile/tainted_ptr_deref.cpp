// expect: no match for .*operator[*]|indirection requires pointer operand
// A pointer into the sandbox cannot be dereferenced by the host.
#include <cordon/sandbox.hpp>
char use(cordon::Sandbox &sandbox) {
  auto p = sandbox.invoke<const char *>("zlibVersion");
  return *p;
}
