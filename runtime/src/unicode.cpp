// unicode.cpp — the generated character tables (see unicode.h) and the
// helpers too large to inline.
#include "unicode.h"

#include "unicode_db.inc"

bool td_uni_numeric_ascii(std::string_view s, std::string &out) {
  size_t i = 0;
  while (i < s.size() && uint8_t(s[i]) < 0x80) ++i;
  if (i == s.size()) return false;
  out.assign(s.substr(0, i));
  while (i < s.size()) {
    unsigned char b = uint8_t(s[i]);
    if (b < 0x80) {
      out.push_back(char(b));
      ++i;
      continue;
    }
    int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
    uint32_t c = b & (0x3F >> extra);
    ++i;
    for (int k = 0; k < extra && i < s.size(); ++k) c = (c << 6) | (uint8_t(s[i++]) & 0x3F);
    const TdUniRecord &r = td_uni_record(c);
    if (r.flags & TD_UNI_SPACE) {
      out.push_back(' ');
    } else if (r.flags & TD_UNI_DECIMAL) {
      out.push_back(char('0' + r.decimal));
    } else {
      out.push_back('?');
      break;
    }
  }
  return true;
}
