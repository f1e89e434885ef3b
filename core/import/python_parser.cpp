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

// Statements outside the subset, as their refusal names them (with a hint where one helps).
struct Refusal {
    const char* what;
    const char* hint;
};
const Refusal* refused_statement(const std::string& kw) {
    static const Refusal kWhile{"while-loops", "; write a for-loop over range(...)"};
    static const Refusal kClass{"class definitions (subclassed layers and models)",
                                "; build the model with Sequential(...) or keras.Model(inputs, outputs)"};
    static const Refusal kTry{"try-blocks", ""};
    static const Refusal kGlobal{"global/nonlocal declarations", ""};
    static const Refusal kYield{"yield statements", ""};
    static const Refusal kAsync{"async code", ""};
    if (kw == "while") return &kWhile;
    if (kw == "class") return &kClass;
    if (kw == "try" || kw == "except" || kw == "finally") return &kTry;
    if (kw == "global" || kw == "nonlocal") return &kGlobal;
    if (kw == "yield") return &kYield;
    if (kw == "async" || kw == "await") return &kAsync;
    return nullptr;
}

constexpr const char* kSubset = " are not part of PadLab's Python subset";

bool is_aug_op(const std::string& op) {
    return op == "+=" || op == "-=" || op == "*=" || op == "/=" || op == "//=" || op == "%=" ||
           op == "**=" || op == "@=" || op == "&=" || op == "|=" || op == "^=" || op == ">>=" ||
           op == "<<=";
}

class Parser {
public:
    explicit Parser(std::string_view source) : src_(source), toks_(tokenize_python(source)) {}
    // An f-string field's expression: its own tokens, nesting counted from the enclosing parser.
    Parser(std::string_view source, std::vector<Token> tokens, int depth)
        : src_(source), toks_(std::move(tokens)), depth_(depth) {}

    std::vector<Stmt> run() {
        std::vector<Stmt> out;
        while (peek().kind != TokenKind::End) {
            if (peek().kind == TokenKind::Newline || peek().kind == TokenKind::Dedent) {
                ++p_;
                continue;
            }
            statement(out);
        }
        return out;
    }

    // The expression of an f-string field: all of the tokens.
    ExprPtr field_expression() {
        ExprPtr e = testlist();
        if (peek().kind != TokenKind::End) {
            fail_at(peek(), "invalid syntax in the f-string expression: unexpected " + describe(peek()));
        }
        return e;
    }

private:
    std::string_view src_;
    std::vector<Token> toks_;
    std::size_t p_ = 0;
    int depth_ = 0;
    int loop_depth_ = 0;  // for break/continue
    int def_depth_ = 0;   // for return

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
    static Stmt stmt_at(const Token& first, Stmt::Kind kind) {
        Stmt s;
        s.kind = kind;
        s.line = first.line;
        s.column = first.column;
        return s;
    }

    // One line's statements (simple ones separated by ';') or one compound statement.
    void statement(std::vector<Stmt>& out) {
        const Token& first = peek();
        if (first.kind == TokenKind::Indent) fail_at(first, "unexpected indent");
        if (first.kind == TokenKind::Name) {
            if (first.text == "if") return out.push_back(if_statement());
            if (first.text == "for") return out.push_back(for_statement());
            if (first.text == "def") return out.push_back(def_statement({}));
            if (first.text == "with") return out.push_back(with_statement());
            if (const Refusal* r = refused_statement(first.text)) {
                fail_at(first, std::string("unsupported statement: ") + r->what + kSubset + r->hint);
            }
            if (first.text == "else" || first.text == "elif") {
                fail_at(first, "invalid syntax: '" + first.text + "' without a matching 'if'");
            }
        }
        if (is_op(first, "@")) return out.push_back(decorated());
        simple_statements(out);
    }

    void simple_statements(std::vector<Stmt>& out) {
        out.push_back(small_statement());
        while (accept_op(";")) {
            if (peek().kind == TokenKind::Newline || peek().kind == TokenKind::End) break;
            out.push_back(small_statement());
        }
        if (peek().kind == TokenKind::Newline) {
            ++p_;
            return;
        }
        if (peek().kind != TokenKind::End) {
            fail_at(peek(), "invalid syntax: expected the end of the statement, got " + describe(peek()));
        }
    }

    // ':' then the statements on the same line, or an indented block. `what` names the header
    // as Python's "expected an indented block after 'for' statement on line 3" does.
    std::vector<Stmt> suite(const Token& header, const std::string& what) {
        if (!accept_op(":")) fail_at(peek(), "expected ':' after the " + what + ", got " + describe(peek()));
        std::vector<Stmt> body;
        if (peek().kind != TokenKind::Newline && peek().kind != TokenKind::End) {
            simple_statements(body);
            return body;
        }
        if (peek().kind == TokenKind::Newline) ++p_;
        if (peek().kind != TokenKind::Indent) {
            fail_at(peek(), "expected an indented block after " + what + " on line " + std::to_string(header.line));
        }
        ++p_;
        while (peek().kind != TokenKind::Dedent && peek().kind != TokenKind::End) statement(body);
        if (peek().kind == TokenKind::Dedent) ++p_;
        return body;
    }

    Stmt if_statement() {
        const Token& kw = next();  // if / elif
        Stmt s = stmt_at(kw, Stmt::Kind::If);
        s.value = test();
        s.body = suite(kw, "'" + kw.text + "' statement");
        if (is_kw(peek(), "elif")) {
            s.orelse.push_back(if_statement());
        } else {
            else_clause(s);
        }
        return s;
    }

    void else_clause(Stmt& s) {
        if (!is_kw(peek(), "else")) return;
        const Token& e = next();
        s.orelse = suite(e, "'else' statement");
    }

    Stmt for_statement() {
        const Token& kw = next();
        Stmt s = stmt_at(kw, Stmt::Kind::For);
        s.targets.push_back(target_list());
        if (!accept_kw("in")) fail_at(peek(), "expected 'in' in the for-loop, got " + describe(peek()));
        s.value = testlist();
        ++loop_depth_;
        s.body = suite(kw, "'for' statement");
        --loop_depth_;
        else_clause(s);
        return s;
    }

    Stmt with_statement() {
        const Token& kw = next();
        Stmt s = stmt_at(kw, Stmt::Kind::With);
        do {
            test();  // the context manager: PadLab does not enter it
            if (accept_kw("as")) s.targets.push_back(target());
        } while (accept_op(","));
        s.body = suite(kw, "'with' statement");
        return s;
    }

    Stmt decorated() {
        std::vector<ExprPtr> decorators;
        while (accept_op("@")) {
            decorators.push_back(test());
            if (peek().kind != TokenKind::Newline) {
                fail_at(peek(), "invalid syntax: expected the end of the line after the decorator, got " + describe(peek()));
            }
            ++p_;
        }
        if (is_kw(peek(), "def")) return def_statement(std::move(decorators));
        if (is_kw(peek(), "class")) {
            const Refusal* r = refused_statement("class");
            fail_at(peek(), std::string("unsupported statement: ") + r->what + kSubset + r->hint);
        }
        fail_at(peek(), "invalid syntax: a decorator must be followed by 'def', got " + describe(peek()));
    }

    Stmt def_statement(std::vector<ExprPtr> decorators) {
        const Token& kw = next();
        Stmt s = stmt_at(kw, Stmt::Kind::Def);
        s.decorators = std::move(decorators);
        s.name = expect_name("after 'def'");
        expect_op("(", "after the function name");
        bool keyword_only = false, seen_default = false;
        while (!is_op(peek(), ")")) {
            const Token& t = peek();
            if (is_op(t, "**")) fail_at(t, std::string("**kwargs parameters") + kSubset);
            if (accept_op("*")) {
                if (!is_op(peek(), ",") && !is_op(peek(), ")")) fail_at(t, std::string("*args parameters") + kSubset);
                keyword_only = true;
            } else if (!accept_op("/")) {  // '/' ends positional-only parameters: not enforced
                Param prm;
                prm.line = t.line;
                prm.column = t.column;
                prm.name = expect_name("in the parameter list");
                for (const Param& other : s.params) {
                    if (other.name == prm.name) fail_at(t, "duplicate argument '" + prm.name + "' in function definition");
                }
                if (accept_op(":")) test();  // annotation
                if (accept_op("=")) {
                    prm.default_value = test();
                    if (!keyword_only) seen_default = true;
                } else if (seen_default && !keyword_only) {
                    fail_at(t, "non-default argument follows default argument");
                }
                prm.keyword_only = keyword_only;
                s.params.push_back(std::move(prm));
            }
            if (!accept_op(",")) break;
        }
        expect_op(")", "to close the parameter list");
        if (accept_op("->")) test();  // return annotation
        const int saved_loops = loop_depth_;
        loop_depth_ = 0;
        ++def_depth_;
        s.body = suite(kw, "function definition");
        --def_depth_;
        loop_depth_ = saved_loops;
        return s;
    }

    // A target of for/with/comprehensions: a name, attribute, subscript, or (a, b) / [a, b].
    ExprPtr target() {
        if (is_op(peek(), "*")) fail_at(peek(), std::string("starred assignment targets") + kSubset);
        ExprPtr e = atom_expr();
        check_target(*e);
        return e;
    }
    ExprPtr target_list() {
        return comma_list([this] { return target(); }, [this] { return !is_kw(peek(), "in"); });
    }

    Stmt small_statement() {
        const Token& first = peek();
        Stmt s = stmt_at(first, Stmt::Kind::Ignored);
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
            if (first.text == "break" || first.text == "continue") {
                ++p_;
                if (loop_depth_ == 0) {
                    fail_at(first, first.text == "break" ? "'break' outside loop" : "'continue' not properly in loop");
                }
                s.kind = first.text == "break" ? Stmt::Kind::Break : Stmt::Kind::Continue;
                return s;
            }
            if (first.text == "return") {
                ++p_;
                if (def_depth_ == 0) fail_at(first, "'return' outside function");
                s.kind = Stmt::Kind::Return;
                if (starts_expression(peek())) s.value = testlist();
                return s;
            }
            if (first.text == "raise") {
                ++p_;
                s.kind = Stmt::Kind::Raise;
                if (starts_expression(peek())) {
                    s.value = test();
                    if (accept_kw("from")) test();
                }
                return s;
            }
            if (first.text == "assert") {
                ++p_;
                s.kind = Stmt::Kind::Assert;
                s.value = test();
                if (accept_op(",")) test();  // the message
                return s;
            }
            if (first.text == "del") {
                ++p_;
                s.kind = Stmt::Kind::Del;
                do {
                    if (!starts_expression(peek())) break;
                    ExprPtr t = or_test();
                    if (t->kind != Expr::Kind::Name) fail_at(first, "del is supported for names only in PadLab's Python subset");
                    s.targets.push_back(std::move(t));
                } while (accept_op(","));
                if (s.targets.empty()) fail_at(peek(), "invalid syntax: expected a name after 'del', got " + describe(peek()));
                return s;
            }
            if (const Refusal* r = refused_statement(first.text)) {
                fail_at(first, std::string("unsupported statement: ") + r->what + kSubset + r->hint);
            }
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
    // item (',' item)* [','] : a tuple when there is a comma. `more()`: whether an item follows a comma.
    template <typename Item, typename More>
    ExprPtr comma_list(Item item, More more) {
        const Token& first = peek();
        ExprPtr e = item();
        if (!is_op(peek(), ",")) return e;
        auto tuple = node(Expr::Kind::Tuple, first);
        tuple->items.push_back(std::move(e));
        while (accept_op(",")) {
            if (!more()) break;
            tuple->items.push_back(item());
        }
        return finish(std::move(tuple));
    }

    // test (',' test)* [',']
    ExprPtr testlist() {
        return comma_list([this] { return test(); }, [this] { return starts_expression(peek()); });
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

    // lambda x, y=1: body -- the parameters are skipped (up to the ':' outside brackets), the
    // body parsed so that its tokens are consumed and checked; the importer keeps the lambda as
    // an opaque function value (as the argument of a Lambda layer or of dataset.map).
    ExprPtr lambda() {
        auto e = node(Expr::Kind::Lambda, peek());
        ++p_;
        int depth = 0;
        while (peek().kind != TokenKind::End && !(depth == 0 && is_op(peek(), ":"))) {
            if (is_op(peek(), "(") || is_op(peek(), "[") || is_op(peek(), "{")) ++depth;
            if (is_op(peek(), ")") || is_op(peek(), "]") || is_op(peek(), "}")) {
                if (depth == 0) break;
                --depth;
            }
            if (peek().kind == TokenKind::Newline) break;
            ++p_;
        }
        expect_op(":", "lambda parameters");
        e->a = test();
        return finish(std::move(e));
    }

    ExprPtr test() {
        DepthGuard guard(*this, peek());
        if (is_kw(peek(), "lambda")) return lambda();
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
        if (is_op(peek(), ":=")) fail_at(peek(), std::string("assignment expressions (:=)") + kSubset);
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
            if (comparison_op(op)) fail_at(t, std::string("chained comparisons") + kSubset);
        }
        return e;
    }

    void reject_bitwise() const {
        const Token& t = peek();
        if (t.kind == TokenKind::Op &&
            (t.text == "|" || t.text == "&" || t.text == "^" || t.text == "<<" || t.text == ">>")) {
            fail_at(t, "operator '" + t.text + "' is not part of PadLab's Python subset");
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
                fail_at(t, std::string("*args and **kwargs in calls") + kSubset);
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
                if (is_kw(peek(), "for")) {  // f(x for x in xs): the generator is the only argument
                    if (!call.items.empty() || !call.kwargs.empty()) fail_at(peek(), "Generator expression must be parenthesized");
                    auto gen = comprehension(Expr::Kind::GeneratorExp, t, std::move(arg));
                    call.items.push_back(finish(std::move(gen)));
                    if (!is_op(peek(), ")")) fail_at(peek(), "Generator expression must be parenthesized");
                    break;
                }
                if (seen_keyword) fail_at(t, "positional argument follows keyword argument");
                call.items.push_back(std::move(arg));
            }
            if (!accept_op(",")) break;
        }
        expect_op(")", "to close the call");
    }

    ExprPtr subscript_list() {
        return comma_list([this] { return subscript(); }, [this] { return !is_op(peek(), "]"); });
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

    // Adjacent string literals are one ("a" "b" is "ab"); with an f-string among them, an
    // FString of literal and field parts.
    ExprPtr strings() {
        const Token& first = peek();
        auto e = node(Expr::Kind::String, first);
        std::string pending;
        bool formatted = false;
        const auto flush = [&](const Token& at) {
            if (pending.empty()) return;
            auto lit = node(Expr::Kind::String, at);
            lit->text = std::move(pending);
            pending.clear();
            e->items.push_back(finish(std::move(lit)));
        };
        while (peek().kind == TokenKind::String) {
            const Token& s = next();
            if (!s.fstring) {
                pending += s.text;
                continue;
            }
            formatted = true;
            for (const FStringPart& part : s.parts) {
                if (!part.field) {
                    pending += part.text;
                    continue;
                }
                flush(s);
                e->items.push_back(format_field(s, part));
            }
        }
        if (!formatted) {
            e->text = std::move(pending);
        } else {
            flush(prev());
            e->kind = Expr::Kind::FString;
        }
        return finish(std::move(e));
    }

    ExprPtr format_field(const Token& string, const FStringPart& part) {
        auto f = node(Expr::Kind::FormatField, string);
        f->line = part.line;
        f->column = part.column;
        f->text = part.text;
        f->int_value = part.conversion;
        DepthGuard guard(*this, string);
        Parser inner(src_, tokenize_python_fragment(src_, part.begin, part.end, part.line, part.column), depth_);
        f->a = inner.field_expression();
        f = finish(std::move(f));
        f->begin = part.begin;
        f->end = part.end;
        return f;
    }

    // The "for target in iterable [if condition]..." clauses after a comprehension's element.
    // Returns the node unfinished: the caller finishes it after its closing bracket.
    ExprPtr comprehension(Expr::Kind kind, const Token& first, ExprPtr element) {
        auto comp = node(kind, first);
        comp->a = std::move(element);
        while (is_kw(peek(), "for")) {
            const Token& f = next();
            auto clause = node(Expr::Kind::CompFor, f);
            clause->a = target_list();
            if (!accept_kw("in")) fail_at(peek(), "expected 'in' in the comprehension, got " + describe(peek()));
            clause->b = or_test();
            while (accept_kw("if")) clause->items.push_back(or_test());
            comp->items.push_back(finish(std::move(clause)));
        }
        return comp;
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
            case TokenKind::String: return strings();
            case TokenKind::Name: {
                if (t.text == "None" || t.text == "True" || t.text == "False") {
                    ++p_;
                    auto e = node(t.text == "None" ? Expr::Kind::None : Expr::Kind::Bool, t);
                    e->bool_value = t.text == "True";
                    return finish(std::move(e));
                }
                if (kKeywords.count(t.text)) {
                    if (t.text == "lambda") return lambda();
                    if (const Refusal* r = refused_statement(t.text)) fail_at(t, std::string(r->what) + kSubset);
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
            if (is_kw(peek(), "for")) {
                auto comp = comprehension(paren ? Expr::Kind::GeneratorExp : Expr::Kind::ListComp, t, std::move(first));
                expect_op(close, paren ? "to close the generator expression" : "to close the list comprehension");
                return finish(std::move(comp));
            }
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
                if (is_op(peek(), "**")) fail_at(peek(), "dict unpacking (**) is not part of PadLab's Python subset");
                ExprPtr key = test();
                if (is_kw(peek(), "for")) fail_at(peek(), std::string("set comprehensions") + kSubset);
                if (!is_op(peek(), ":")) fail_at(peek(), std::string("set literals") + kSubset + " (expected ':' for a dict)");
                ++p_;
                ExprPtr value = test();
                if (is_kw(peek(), "for") && dict->items.empty()) {
                    auto comp = comprehension(Expr::Kind::DictComp, t, std::move(key));
                    comp->b = std::move(value);
                    expect_op("}", "to close the dict comprehension");
                    return finish(std::move(comp));
                }
                dict->items.push_back(std::move(key));
                dict->items.push_back(std::move(value));
                if (!accept_op(",")) break;
            }
            expect_op("}", "to close the dict");
            return finish(std::move(dict));
        }
        if (t.text == "*") fail_at(t, std::string("starred expressions") + kSubset);
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
