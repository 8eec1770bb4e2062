// token.cpp — spellings of the token kinds, generated from the X-macro table
// in token.h so the list exists once.
#include "token.h"

#include <iterator>

namespace tide {

std::string_view tokName(Tok t) {
  static constexpr std::string_view kNames[] = {
#define X(name, text) text,
      TIDE_TOKENS(X)
#undef X
  };
  auto i = static_cast<size_t>(t);
  return i < std::size(kNames) ? kNames[i] : std::string_view("<invalid>");
}

} // namespace tide
