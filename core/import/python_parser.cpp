#include "core/import/python_parser.hpp"

#include <algorithm>
#include <set>

#include "core/base/errors.hpp"
#include "core/import/python_lexer.hpp"
#include "core/import/source_text.hpp"

namespace padlab::importer {

namespace {

const std::set<std::string> kKeywords = {
    "False", "None",   "True",    "and",      "as",   "assert", "async", "await",
    "break", "class",  "continue", "def",     "del",  "elif",   "else",  "except",
    "finally", "for",  "from",    "global",   "if",   "import", "in",    "is",
    "lambda", "nonlocal", "not",  "or",       "pass", "raise",  "return", "try",
    "while", "with",   "yield"};

// What each compound/other statement keyword is called in the "unsupported statement" error.
const char* unsupported_statement(const std::string& kw) {
    if (kw == "for") return "for-loops";
    if (kw == "while") return "while-loops";
    if (kw == "if" || kw == "elif" || kw == "else") return "if-statements";
    if (kw == "def") return "function definitions";
    if (kw == "class") return "class definitions";
    if (kw == "with") return "with-blocks";
    if (kw == "try" || kw == "except" || kw == "finally") return "try-blocks";
    if (kw == "return") return "return statements";
    if (kw == "del") return "del statements";
    if (kw == "global" || kw == "nonlocal") return "global/nonlocal declarations";
    if (kw == "assert") return "assert statements";
    if (kw == "raise") return "raise statements";
    if (kw == "yield") return "yield statements";
    if (kw == "break" || kw == "continue") return "break/continue";
    if (kw == "async" || kw == "await") return "async code";
    if (kw == "lambda") return "lambda expressions";
    return nullptr;
}

bool is_aug_op(const std::string& op) {
    return op == "+=" || op == "-=" || op == "*=" || op == "/=" || op == "//=" || op == "%=" ||
           op == "**=" || op == "@=" || op == "&=" || op == "|=" || op == "^=" || op == ">>=" ||
           op == "<<=";
}

class Parser {
public:
    explicit Parser(std::string_view source) : src_(source), toks_(tokenize_python(source)) {}

    std::vector<Stmt> run() {
        std::vector<Stmt> out;
        while (peek().kind != TokenKind::End) {
            if (peek().kind == TokenKind::Newline) {
                ++p_;
                continue;
            }
            out.push_back(statement());
            while (accept_op(";")) {
                if (peek().kind == TokenKind::Newline || peek().kind == TokenKind::End) break;
                out.push_back(statement());
            }
            if (peek().kind != TokenKind::Newline && peek().kind != TokenKind::End) {
                fail_at(peek(), "invalid syntax: expected the end of the statement, got " + describe(peek()));
            }
        }
        return out;
    }

private:
    std::string_view src_;
    std::vector<Token> toks_;
    std::size_t p_ = 0;
    int depth_ = 0;

    // ------------------------------------------------------------------ token helpers
    const Token& peek(std::size_t k = 0) const {
        return toks_[std::min(p_ + k, toks_.size() - 1)];
    }
    const Token& next() {
        const Token& t = toks_[std::min(p_, toks_.size() - 1)];
        if (p_ < toks_.size() - 1) ++p_;
        return t;
    }
    const Token& prev() const { return toks_[p_ == 0 ? 0 : p_ - 1]; }
    bool is_op(const Token& t, const char* op) const { return t.kind == TokenKind::Op && t.text == op; }
    bool is_kw(const Token& t, const char* kw) const { return t.kind == TokenKind::Name && t.text == kw; }
    bool accept_op(const char* op) {
        if (!is_op(peek(), op)) return false;
        ++p_;
        return true;
    }
    bool accept_kw(const char* kw) {
        if (!is_kw(peek(), kw)) return false;
        ++p_;
        return true;
    }
    static std::string describe(const Token& t) {
        switch (t.kind) {
            case TokenKind::Newline: return "the end of the line";
            case TokenKind::End: return "the end of the input";
            case TokenKind::String: return "a string";
            default: return "'" + t.text + "'";
        }
    }
    [[noreturn]] static void fail_at(const Token& t, const std::string& message) {
        throw ParseError(message, {"", t.line, t.column});
    }
    void expect_op(const char* op, const char* context) {
        if (accept_op(op)) return;
        fail_at(peek(), std::string("expected '") + op + "' " + context + ", got " + describe(peek()));
    }
    std::string expect_name(const char* context) {
        const Token& t = peek();
        if (t.kind != TokenKind::Name || kKeywords.count(t.text)) {
            fail_at(t, std::string("expected a name ") + context + ", got " + describe(t));
        }
        ++p_;
        return t.text;
    }

    // ------------------------------------------------------------------ nodes
    ExprPtr node(Expr::Kind kind, const Token& first) const {
        auto e = std::make_unique<Expr>();
        e->kind = kind;
        e->line = first.line;
        e->column = first.column;
        e->begin = first.begin;
        e->end = first.end;
        return e;
    }
    // Sets the end offset and the subtree height; refuses trees deeper than kMaxNesting.
    ExprPtr finish(ExprPtr e) const {
        e->end = std::max(e->end, prev().end);
        int h = 0;
        if (e->a) h = std::max(h, e->a->depth);
        if (e->b) h = std::max(h, e->b->depth);
        for (const auto& it : e->items) if (it) h = std::max(h, it->depth);
        for (const auto& kw : e->kwargs) h = std::max(h, kw.second->depth);
        e->depth = h + 1;
        if (e->depth > kMaxNesting) {
            throw ParseError("expression nested too deeply (more than " + std::to_string(kMaxNesting) +
                                 " levels)", {"", e->line, e->column});
        }
        return e;
    }
    ExprPtr binary(Expr::Kind kind, std::string op, ExprPtr a, ExprPtr b) const {
        auto e = std::make_unique<Expr>();
        e->kind = kind;
        e->text = std::move(op);
        e->line = a->line;
        e->column = a->column;
        e->begin = a->begin;
        e->end = b->end;
        e->a = std::move(a);
        e->b = std::move(b);
        return finish(std::move(e));
    }

    struct DepthGuard {
        Parser& p;
        DepthGuard(Parser& parser, const Token& at) : p(parser) {
            if (++p.depth_ > kMaxNesting) {
                throw ParseError("expression nested too deeply (more than " +
                                     std::to_string(kMaxNesting) + " levels)", {"", at.line, at.column});
            }
        }
        ~DepthGuard() { --p.depth_; }
    };

    // ------------------------------------------------------------------ statements
    Stmt statement() {
        const Token& first = peek();
        Stmt s;
        s.line = first.line;
        s.column = first.column;
        if (first.kind == TokenKind::Name) {
            if (first.text == "import") {
                ++p_;
                import_names(s);
                return s;
            }
            if (first.text == "from") {
                ++p_;
                from_import(s);
                return s;
            }
            if (first.text == "pass") {
                ++p_;
                return s;
            }
            if (const char* what = unsupported_statement(first.text)) {
                if (first.text != "lambda") {
                    fail_at(first, std::string("unsupported statement: ") + what +
                                       " are not part of the Sequential subset");
                }
            }
        }
        if (is_op(first, "@")) {
            fail_at(first, "unsupported statement: decorators are not part of the Sequential subset");
        }
        ExprPtr lhs = testlist();
        if (is_op(peek(), "=")) {
            s.kind = Stmt::Kind::Assign;
            check_target(*lhs);
            s.targets.push_back(std::move(lhs));
            ++p_;
            ExprPtr value = testlist();
            while (accept_op("=")) {
                check_target(*value);
                s.targets.push_back(std::move(value));
                value = testlist();
            }
            s.value = std::move(value);
            return s;
        }
        if (peek().kind == TokenKind::Op && is_aug_op(peek().text)) {
            const Token& op = next();
            if (lhs->kind != Expr::Kind::Name && lhs->kind != Expr::Kind::Attribute &&
                lhs->kind != Expr::Kind::Subscript) {
                fail_at(op, "illegal expression for augmented assignment");
            }
            s.kind = Stmt::Kind::AugAssign;
            s.op = op.text.substr(0, op.text.size() - 1);
            s.targets.push_back(std::move(lhs));
            s.value = testlist();
            return s;
        }
        if (is_op(peek(), ":")) {
            // Annotated assignment "x: int = 3": the annotation is ignored.
            ++p_;
            check_target(*lhs);
            test();
            if (!accept_op("=")) return s;  // bare annotation declares nothing
            s.kind = Stmt::Kind::Assign;
            s.targets.push_back(std::move(lhs));
            s.value = testlist();
            return s;
        }
        s.kind = Stmt::Kind::Expression;
        s.value = std::move(lhs);
        return s;
    }

    void check_target(const Expr& e) const {
        switch (e.kind) {
            case Expr::Kind::Name:
            case Expr::Kind::Attribute:
            case Expr::Kind::Subscript:
                return;
            case Expr::Kind::Tuple:
            case Expr::Kind::List:
                for (const auto& it : e.items) check_target(*it);
                return;
            default:
                throw ParseError("cannot assign to " + std::string(
                                     e.kind == Expr::Kind::Call ? "a function call" : "this expression") +
                                     " (maybe you meant '==' instead of '=')",
                                 {"", e.line, e.column});
        }
    }

    std::string dotted_name(const char* context) {
        std::string name = expect_name(context);
        while (accept_op(".")) name += "." + expect_name(context);
        return name;
    }

    void import_names(Stmt& s) {
        do {
            const std::string path = dotted_name("after 'import'");
            if (accept_kw("as")) {
                s.imports.emplace_back(expect_name("after 'as'"), path);
            } else {
                const std::string root = path.substr(0, path.find('.'));
                s.imports.emplace_back(root, root);
            }
        } while (accept_op(","));
    }

    void from_import(Stmt& s) {
        std::string module;
        while (is_op(peek(), ".") || is_op(peek(), "...")) module += next().text;
        if (!is_kw(peek(), "import")) module += dotted_name("after 'from'");
        if (!accept_kw("import")) fail_at(peek(), "expected 'import', got " + describe(peek()));
        if (accept_op("*")) return;  // star imports bind nothing we need to know
        const bool paren = accept_op("(");
        do {
            if (paren && is_op(peek(), ")")) break;
            const std::string name = expect_name("after 'import'");
            std::string local = name;
            if (accept_kw("as")) local = expect_name("after 'as'");
            s.imports.emplace_back(local, module + "." + name);
        } while (accept_op(","));
        if (paren) expect_op(")", "to close the import list");
    }

    // ------------------------------------------------------------------ expressions
    // test (',' test)* [','] : a tuple when there is a comma.
    ExprPtr testlist() {
        const Token& first = peek();
        ExprPtr e = test();
        if (!is_op(peek(), ",")) return e;
        auto tuple = node(Expr::Kind::Tuple, first);
        tuple->items.push_back(std::move(e));
        while (accept_op(",")) {
            if (!starts_expression(peek())) break;
            tuple->items.push_back(test());
        }
        return finish(std::move(tuple));
    }

    bool starts_expression(const Token& t) const {
        switch (t.kind) {
            case TokenKind::Name:
                return !kKeywords.count(t.text) || t.text == "None" || t.text == "True" ||
                       t.text == "False" || t.text == "not" || t.text == "lambda";
            case TokenKind::Int:
            case TokenKind::Float:
            case TokenKind::String:
                return true;
            case TokenKind::Op:
                return t.text == "(" || t.text == "[" || t.text == "{" || t.text == "-" ||
                       t.text == "+" || t.text == "~" || t.text == "..." || t.text == "*";
            default:
                return false;
        }
    }

    ExprPtr test() {
        DepthGuard guard(*this, peek());
        if (is_kw(peek(), "lambda")) {
            fail_at(peek(), "lambda expressions are not part of the Sequential subset");
        }
        ExprPtr e = or_test();
        if (is_kw(peek(), "if")) {
            ++p_;
            ExprPtr cond = or_test();
            if (!accept_kw("else")) fail_at(peek(), "expected 'else' in the conditional expression, got " + describe(peek()));
            ExprPtr other = test();
            auto ie = std::make_unique<Expr>();
            ie->kind = Expr::Kind::IfElse;
            ie->line = e->line;
            ie->column = e->column;
            ie->begin = e->begin;
            ie->a = std::move(e);
            ie->b = std::move(cond);
            ie->items.push_back(std::move(other));
            return finish(std::move(ie));
        }
        if (is_op(peek(), ":=")) fail_at(peek(), "assignment expressions (:=) are not part of the Sequential subset");
        return e;
    }

    ExprPtr or_test() {
        ExprPtr e = and_test();
        while (accept_kw("or")) e = binary(Expr::Kind::BoolOp, "or", std::move(e), and_test());
        return e;
    }
    ExprPtr and_test() {
        ExprPtr e = not_test();
        while (accept_kw("and")) e = binary(Expr::Kind::BoolOp, "and", std::move(e), not_test());
        return e;
    }
    ExprPtr not_test() {
        if (is_kw(peek(), "not")) {
            const Token& t = next();
            DepthGuard guard(*this, t);
            auto e = node(Expr::Kind::Unary, t);
            e->text = "not";
            e->a = not_test();
            return finish(std::move(e));
        }
        return comparison();
    }

    bool comparison_op(std::string& op) {
        const Token& t = peek();
        if (t.kind == TokenKind::Op &&
            (t.text == "==" || t.text == "!=" || t.text == "<" || t.text == "<=" ||
             t.text == ">" || t.text == ">=")) {
            op = t.text;
            ++p_;
            return true;
        }
        if (is_kw(t, "in")) {
            op = "in";
            ++p_;
            return true;
        }
        if (is_kw(t, "not") && is_kw(peek(1), "in")) {
            op = "not in";
            p_ += 2;
            return true;
        }
        if (is_kw(t, "is")) {
            ++p_;
            op = accept_kw("not") ? "is not" : "is";
            return true;
        }
        return false;
    }

    ExprPtr comparison() {
        ExprPtr e = arith();
        reject_bitwise();
        std::string op;
        if (comparison_op(op)) {
            e = binary(Expr::Kind::Compare, op, std::move(e), arith());
            reject_bitwise();
            const Token& t = peek();
            if (comparison_op(op)) fail_at(t, "chained comparisons are not part of the Sequential subset");
        }
        return e;
    }

    void reject_bitwise() const {
        const Token& t = peek();
        if (t.kind == TokenKind::Op &&
            (t.text == "|" || t.text == "&" || t.text == "^" || t.text == "<<" || t.text == ">>")) {
            fail_at(t, "operator '" + t.text + "' is not part of the Sequential subset");
        }
    }

    ExprPtr arith() {
        ExprPtr e = term();
        while (is_op(peek(), "+") || is_op(peek(), "-")) {
            const std::string op = next().text;
            e = binary(Expr::Kind::Binary, op, std::move(e), term());
        }
        return e;
    }
    ExprPtr term() {
        ExprPtr e = factor();
        while (is_op(peek(), "*") || is_op(peek(), "/") || is_op(peek(), "//") ||
               is_op(peek(), "%") || is_op(peek(), "@")) {
            const std::string op = next().text;
            e = binary(Expr::Kind::Binary, op, std::move(e), factor());
        }
        return e;
    }
    ExprPtr factor() {
        if (is_op(peek(), "-") || is_op(peek(), "+") || is_op(peek(), "~")) {
            const Token& t = next();
            DepthGuard guard(*this, t);
            auto e = node(Expr::Kind::Unary, t);
            e->text = t.text;
            e->a = factor();
            return finish(std::move(e));
        }
        return power();
    }
    ExprPtr power() {
        ExprPtr e = atom_expr();
        if (is_op(peek(), "**")) {
            ++p_;
            DepthGuard guard(*this, prev());
            e = binary(Expr::Kind::Binary, "**", std::move(e), factor());
        }
        return e;
    }

    ExprPtr atom_expr() {
        ExprPtr e = atom();
        for (;;) {
            const Token& t = peek();
            if (is_op(t, "(")) {
                ++p_;
                auto call = std::make_unique<Expr>();
                call->kind = Expr::Kind::Call;
                call->line = e->line;
                call->column = e->column;
                call->begin = e->begin;
                call->a = std::move(e);
                arguments(*call);
                e = finish(std::move(call));
            } else if (is_op(t, "[")) {
                ++p_;
                auto sub = std::make_unique<Expr>();
                sub->kind = Expr::Kind::Subscript;
                sub->line = e->line;
                sub->column = e->column;
                sub->begin = e->begin;
                sub->a = std::move(e);
                sub->b = subscript_list();
                expect_op("]", "to close the subscript");
                e = finish(std::move(sub));
            } else if (is_op(t, ".")) {
                ++p_;
                const Token& name = peek();
                if (name.kind != TokenKind::Name) fail_at(name, "expected an attribute name after '.', got " + describe(name));
                ++p_;
                auto attr = std::make_unique<Expr>();
                attr->kind = Expr::Kind::Attribute;
                attr->line = e->line;
                attr->column = e->column;
                attr->begin = e->begin;
                attr->text = name.text;
                attr->a = std::move(e);
                e = finish(std::move(attr));
            } else {
                return e;
            }
        }
    }

    void arguments(Expr& call) {
        bool seen_keyword = false;
        while (!is_op(peek(), ")")) {
            const Token& t = peek();
            if (is_op(t, "*") || is_op(t, "**")) {
                fail_at(t, "*args and **kwargs in calls are not part of the Sequential subset");
            }
            if (t.kind == TokenKind::Name && !kKeywords.count(t.text) && is_op(peek(1), "=")) {
                p_ += 2;
                for (const auto& kw : call.kwargs) {
                    if (kw.first == t.text) fail_at(t, "keyword argument repeated: " + t.text);
                }
                call.kwargs.emplace_back(t.text, test());
                seen_keyword = true;
            } else {
                ExprPtr arg = test();
                if (is_kw(peek(), "for")) fail_at(peek(), "generator expressions are not part of the Sequential subset");
                if (seen_keyword) fail_at(t, "positional argument follows keyword argument");
                call.items.push_back(std::move(arg));
            }
            if (!accept_op(",")) break;
        }
        expect_op(")", "to close the call");
    }

    ExprPtr subscript_list() {
        const Token& first = peek();
        ExprPtr e = subscript();
        if (!is_op(peek(), ",")) return e;
        auto tuple = node(Expr::Kind::Tuple, first);
        tuple->items.push_back(std::move(e));
        while (accept_op(",")) {
            if (is_op(peek(), "]")) break;
            tuple->items.push_back(subscript());
        }
        return finish(std::move(tuple));
    }

    ExprPtr subscript() {
        const Token& first = peek();
        ExprPtr lower;
        if (!is_op(first, ":")) {
            lower = test();
            if (!is_op(peek(), ":")) return lower;
        }
        auto slice = node(Expr::Kind::Slice, first);
        slice->items.resize(3);
        slice->items[0] = std::move(lower);
        expect_op(":", "in the slice");
        if (!is_op(peek(), ":") && !is_op(peek(), "]") && !is_op(peek(), ",")) slice->items[1] = test();
        if (accept_op(":") && !is_op(peek(), "]") && !is_op(peek(), ",")) slice->items[2] = test();
        return finish(std::move(slice));
    }

    ExprPtr atom() {
        const Token& t = peek();
        switch (t.kind) {
            case TokenKind::Int: {
                ++p_;
                auto e = node(Expr::Kind::Int, t);
                e->int_value = t.int_value;
                return finish(std::move(e));
            }
            case TokenKind::Float: {
                ++p_;
                auto e = node(Expr::Kind::Float, t);
                e->float_value = t.float_value;
                return finish(std::move(e));
            }
            case TokenKind::String: {
                auto e = node(Expr::Kind::String, t);
                while (peek().kind == TokenKind::String) {  // "a" "b" is "ab"
                    const Token& s = next();
                    if (s.fstring) fail_at(s, "f-strings are not part of the Sequential subset; write the value directly");
                    e->text += s.text;
                }
                return finish(std::move(e));
            }
            case TokenKind::Name: {
                if (t.text == "None" || t.text == "True" || t.text == "False") {
                    ++p_;
                    auto e = node(t.text == "None" ? Expr::Kind::None : Expr::Kind::Bool, t);
                    e->bool_value = t.text == "True";
                    return finish(std::move(e));
                }
                if (kKeywords.count(t.text)) {
                    if (t.text == "lambda" || t.text == "yield" || t.text == "await") {
                        fail_at(t, std::string(unsupported_statement(t.text)) + " are not part of the Sequential subset");
                    }
                    fail_at(t, "invalid syntax: expected an expression, got the keyword '" + t.text + "'");
                }
                ++p_;
                auto e = node(Expr::Kind::Name, t);
                e->text = t.text;
                return finish(std::move(e));
            }
            case TokenKind::Op:
                break;
            default:
                fail_at(t, "invalid syntax: expected an expression, got " + describe(t));
        }
        if (t.text == "...") {
            ++p_;
            return finish(node(Expr::Kind::Ellipsis, t));
        }
        if (t.text == "(" || t.text == "[") {
            const bool paren = t.text == "(";
            const char* close = paren ? ")" : "]";
            ++p_;
            auto seq = node(paren ? Expr::Kind::Tuple : Expr::Kind::List, t);
            if (accept_op(close)) return finish(std::move(seq));
            ExprPtr first = test();
            if (is_kw(peek(), "for")) fail_at(peek(), "comprehensions are not part of the Sequential subset");
            if (paren && accept_op(")")) {
                // A parenthesized expression: keep the parentheses in its source range.
                first->begin = t.begin;
                first->end = prev().end;
                first->line = t.line;
                first->column = t.column;
                return first;
            }
            seq->items.push_back(std::move(first));
            while (accept_op(",")) {
                if (is_op(peek(), close)) break;
                seq->items.push_back(test());
            }
            expect_op(close, paren ? "to close the tuple" : "to close the list");
            return finish(std::move(seq));
        }
        if (t.text == "{") {
            ++p_;
            auto dict = node(Expr::Kind::Dict, t);
            while (!is_op(peek(), "}")) {
                if (is_op(peek(), "**")) fail_at(peek(), "dict unpacking (**) is not part of the Sequential subset");
                ExprPtr key = test();
                if (is_kw(peek(), "for")) fail_at(peek(), "comprehensions are not part of the Sequential subset");
                if (!is_op(peek(), ":")) fail_at(peek(), "set literals are not part of the Sequential subset (expected ':' for a dict)");
                ++p_;
                dict->items.push_back(std::move(key));
                dict->items.push_back(test());
                if (!accept_op(",")) break;
            }
            expect_op("}", "to close the dict");
            return finish(std::move(dict));
        }
        if (t.text == "*") fail_at(t, "starred expressions are not part of the Sequential subset");
        fail_at(t, "invalid syntax: expected an expression, got " + describe(t));
    }
};

}  // namespace

std::vector<Stmt> parse_python(std::string_view source) { return Parser(source).run(); }

std::string expr_source(std::string_view source, const Expr& e, std::size_t max_chars) {
    const std::size_t b = std::min(e.begin, source.size());
    const std::size_t n = std::min(e.end, source.size()) - b;
    std::string s(source.substr(b, n));
    // One line, single spaces: the text goes inside a one-line message.
    std::string flat;
    bool space = false;
    for (const char c : s) {
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ' || c == '\\') {
            space = !flat.empty();
            continue;
        }
        if (space) flat += ' ';
        space = false;
        flat += c;
    }
    if (flat.size() > max_chars) {
        std::size_t cut = max_chars;
        while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
        flat = flat.substr(0, cut) + "...";
    }
    return flat;
}

}  // namespace padlab::importer
