// expect: cannot convert .*tainted<int>|no viable conversion from .*tainted<int>
// A tainted value does not convert to a plain one.
#include <cordon/sandbox.hpp>
int use(cordon::Sandbox &sandbox) {
  int n = sandbox.invoke<int>("compressBound", 10);
  return n;
}
