// expect: is private within this context|calling a private constructor
// Host code cannot make a tainted pointer out of a number.
#include <cordon/sandbox.hpp>
cordon::tainted_ptr<char> forge() { return cordon::tainted_ptr<char>(0x1000u, 1u); }
