// expect: no match for .*operator>|invalid operands to binary expression
// A tainted value cannot be branched on.
#include <cordon/sandbox.hpp>
bool use(cordon::Sandbox &sandbox) {
  return sandbox.invoke<int>("compressBound", 10) > 5;
}
