// expect: host pointers cannot enter a sandbox
// Host pointers cannot be passed into the sandbox.
#include <cordon/sandbox.hpp>
void use(cordon::Sandbox &sandbox) {
  char host[16];
  sandbox.invoke<int>("compress", host, host, host, 16u);
}
