#pragma once
// A small XML well-formedness checker for the SVG tests: nested, matching tags; quoted, unique
// attributes; no raw '<' or stray '&' in text or values; known entities; one root; valid UTF-8
// without control characters. Not a full XML parser (no DTDs), which SVG output never needs.
#include <cctype>
#include <set>
#include <string>
#include <vector>

namespace xml_check {

inline bool name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' || c == '.';
}

// "" when valid, else what is wrong and where.
inline std::string check_chars(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3 : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
        if (len == 0 || i + len > s.size()) return "invalid UTF-8 at byte " + std::to_string(i);
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return "invalid UTF-8 at byte " + std::to_string(i);
        if (len == 1 && c < 0x20 && c != '\t' && c != '\n' && c != '\r') return "control character at byte " + std::to_string(i);
        i += len;
    }
    return "";
}

// Text between '&' and ';' must name a known entity or a character reference.
inline std::string check_entities(const std::string& text, std::size_t where) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '<') return "raw '<' at byte " + std::to_string(where + i);
        if (text[i] != '&') continue;
        const std::size_t semi = text.find(';', i);
        if (semi == std::string::npos) return "unterminated '&' at byte " + std::to_string(where + i);
        const std::string ent = text.substr(i + 1, semi - i - 1);
        static const std::set<std::string> known = {"amp", "lt", "gt", "quot", "apos"};
        bool ok = known.count(ent) > 0;
        if (!ok && ent.size() > 1 && ent[0] == '#') {
            ok = true;
            const bool hex = ent[1] == 'x';
            for (std::size_t k = hex ? 2 : 1; k < ent.size(); ++k)
                ok = ok && (hex ? std::isxdigit(static_cast<unsigned char>(ent[k])) : std::isdigit(static_cast<unsigned char>(ent[k])));
            ok = ok && ent.size() > (hex ? 2u : 1u);
        }
        if (!ok) return "unknown entity '&" + ent + ";' at byte " + std::to_string(where + i);
        i = semi;
    }
    return "";
}

inline std::string well_formed(const std::string& s) {
    if (auto e = check_chars(s); !e.empty()) return e;
    std::vector<std::string> open;
    int roots = 0;
    std::size_t i = 0;
    if (s.compare(0, 5, "<?xml") == 0) {
        i = s.find("?>");
        if (i == std::string::npos) return "unterminated XML declaration";
        i += 2;
    }
    while (i < s.size()) {
        if (s[i] != '<') {
            const std::size_t next = s.find('<', i);
            const std::string text = s.substr(i, next == std::string::npos ? std::string::npos : next - i);
            if (open.empty() && text.find_first_not_of(" \t\r\n") != std::string::npos)
                return "text outside the root element at byte " + std::to_string(i);
            if (auto e = check_entities(text, i); !e.empty()) return e;
            if (next == std::string::npos) break;
            i = next;
            continue;
        }
        if (s.compare(i, 4, "<!--") == 0) {
            const std::size_t end = s.find("-->", i + 4);
            if (end == std::string::npos) return "unterminated comment";
            i = end + 3;
            continue;
        }
        if (s.compare(i, 9, "<![CDATA[") == 0) {
            if (open.empty()) return "CDATA outside the root";
            const std::size_t end = s.find("]]>", i + 9);
            if (end == std::string::npos) return "unterminated CDATA";
            i = end + 3;
            continue;
        }
        const bool closing = i + 1 < s.size() && s[i + 1] == '/';
        std::size_t j = i + (closing ? 2 : 1);
        const std::size_t name_start = j;
        while (j < s.size() && name_char(s[j])) ++j;
        const std::string name = s.substr(name_start, j - name_start);
        if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0])) || name[0] == '-')
            return "bad tag name at byte " + std::to_string(i);
        if (closing) {
            while (j < s.size() && std::isspace(static_cast<unsigned char>(s[j]))) ++j;
            if (j >= s.size() || s[j] != '>') return "bad closing tag at byte " + std::to_string(i);
            if (open.empty() || open.back() != name) return "mismatched </" + name + "> at byte " + std::to_string(i);
            open.pop_back();
            i = j + 1;
            continue;
        }
        std::set<std::string> attrs;
        bool self_closing = false;
        while (true) {
            const std::size_t before_space = j;
            while (j < s.size() && std::isspace(static_cast<unsigned char>(s[j]))) ++j;
            if (j >= s.size()) return "unterminated tag <" + name + ">";
            if (s[j] == '>') { ++j; break; }
            if (s[j] == '/') {
                if (j + 1 >= s.size() || s[j + 1] != '>') return "bad '/' in tag <" + name + ">";
                self_closing = true;
                j += 2;
                break;
            }
            if (j == before_space) return "attributes must be separated by spaces in <" + name + ">";
            const std::size_t an = j;
            while (j < s.size() && name_char(s[j])) ++j;
            const std::string attr = s.substr(an, j - an);
            if (attr.empty()) return "bad attribute in <" + name + "> at byte " + std::to_string(j);
            if (!attrs.insert(attr).second) return "duplicate attribute " + attr + " in <" + name + ">";
            if (j >= s.size() || s[j] != '=') return "attribute " + attr + " without a value";
            ++j;
            if (j >= s.size() || (s[j] != '"' && s[j] != '\'')) return "unquoted attribute " + attr;
            const char q = s[j];
            const std::size_t end = s.find(q, j + 1);
            if (end == std::string::npos) return "unterminated attribute " + attr;
            if (auto e = check_entities(s.substr(j + 1, end - j - 1), j + 1); !e.empty()) return e;
            j = end + 1;
        }
        if (open.empty()) ++roots;
        if (roots > 1) return "more than one root element";
        if (!self_closing) open.push_back(name);
        i = j;
    }
    if (!open.empty()) return "unclosed <" + open.back() + ">";
    if (roots != 1) return "no root element";
    return "";
}

}  // namespace xml_check
