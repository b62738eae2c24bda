/* The chain check of `storage.verify_compiled`, in C: a SQLite ledger's range of entries read,
 * hashed and held to its claims rows without a Python object per entry.
 *
 * `check(path, sql, lo, hi, expected_seq, prev_hash, head_hash, plan, tail)` runs `sql` (the
 * entries of the range in seq order, each beside the claims row at its seq) on the file opened
 * read-only, and gives (entries, claim entries, last hash, head seq, others) when every entry
 * passes every check the entry-by-entry pass makes; None as soon as one does not, or on any
 * error: the caller then reads the range entry by entry, which names each problem. A pass
 * is never wrong: the text hashed and compared is built with the escaping of Python's `json`
 * (one-to-one), and SHA-256 does not collide.
 *
 * Columns of `sql`: 0 seq, 1 kind, 2 ref, 3 payload, 4 recorded_by, 5 recorded_at,
 * 6 prev_hash, 7 hash, 8 the claims row's id, 9 its recorded_by, 10 its payload, then what
 * `plan` names: one tuple (text before the slot, member key, mode, column)
 * per slot of the claim payload template, in its order; `tail` closes it.
 */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#define OPENSSL_SUPPRESS_DEPRECATED /* SHA256_*: no per-call provider look-up as EVP has */
#include <openssl/sha.h>
#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

enum { STRING = 0, COUNT = 1, LIST = 2, OPTIONAL_OBJECT = 3, OPTIONAL_LIST = 4, OPTIONAL_STRING = 5 };

typedef struct {
    char *data;
    size_t len, cap;
} Buffer;

static int grow(Buffer *b, size_t more) {
    if (b->len + more <= b->cap) return 1;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + more) cap *= 2;
    char *data = realloc(b->data, cap);
    if (!data) return 0;
    b->data = data;
    b->cap = cap;
    return 1;
}

static int put(Buffer *b, const char *text, size_t n) {
    if (!grow(b, n)) return 0;
    memcpy(b->data + b->len, text, n);
    b->len += n;
    return 1;
}

/* For each byte, what follows the backslash that escapes it in JSON as Python's json writes
 * it: a letter or the byte itself, 'u' for \u00XX, 0 for a byte written as it is. */
static unsigned char escapes[256];

static void init_escapes(void) {
    for (int c = 0; c < 0x20; c++) escapes[c] = 'u';
    escapes['"'] = '"';
    escapes['\\'] = '\\';
    escapes['\n'] = 'n';
    escapes['\r'] = 'r';
    escapes['\t'] = 't';
    escapes['\b'] = 'b';
    escapes['\f'] = 'f';
}

/* A JSON string as Python's json.encoder.encode_basestring writes it (ensure_ascii off). */
static int put_string(Buffer *b, const unsigned char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    if (!grow(b, 6 * n + 2)) return 0;
    char *out = b->data + b->len;
    *out++ = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i], escape = escapes[c];
        if (!escape) {
            *out++ = (char)c;
            continue;
        }
        *out++ = '\\';
        *out++ = (char)escape;
        if (escape == 'u') {
            *out++ = '0'; *out++ = '0';
            *out++ = hex[c >> 4]; *out++ = hex[c & 15];
        }
    }
    *out++ = '"';
    b->len = (size_t)(out - b->data);
    return 1;
}

/* An integer as Python's str() writes it. */
static int put_integer(Buffer *b, sqlite3_int64 value) {
    char digits[24];
    int n = 0;
    unsigned long long magnitude = value < 0 ? 0ULL - (unsigned long long)value : (unsigned long long)value;
    do {
        digits[n++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (!grow(b, (size_t)n + 1)) return 0;
    if (value < 0) b->data[b->len++] = '-';
    while (n) b->data[b->len++] = digits[--n];
    return 1;
}

/* A column's bytes as stored: sqlite3_column_blob, unlike sqlite3_column_text, does not copy a
 * text to end it with a NUL, and a text is UTF-8 as stored. */
static const unsigned char *bytes_of(sqlite3_stmt *st, int col) {
    const unsigned char *bytes = sqlite3_column_blob(st, col);
    return bytes ? bytes : (const unsigned char *)""; /* an empty value has no pointer */
}

/* Whether `s` is UTF-8 that Python's strict decoder reads (no surrogates, no overlong forms,
 * nothing past U+10FFFF): where it is not, Python's sqlite3 refuses the row, and so must this. */
static int is_utf8(const unsigned char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (!(w & 0x8080808080808080ULL)) {
                i += 8;
                continue;
            }
        }
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t more;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            more = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else {
            return 0;
        }
        if (i + more >= n) return 0;
        if (s[i + 1] < lo || s[i + 1] > hi) return 0;
        for (size_t k = 2; k <= more; k++)
            if (s[i + k] < 0x80 || s[i + k] > 0xBF) return 0;
        i += more + 1;
    }
    return 1;
}

static int is_text(sqlite3_stmt *st, int col) { return sqlite3_column_type(st, col) == SQLITE_TEXT; }

/* A text column as JSON: escaped, or null; 0 for any other storage class. */
static int put_text_or_null(Buffer *b, sqlite3_stmt *st, int col) {
    int type = sqlite3_column_type(st, col);
    if (type == SQLITE_NULL) return put(b, "null", 4);
    if (type != SQLITE_TEXT) return 0;
    const unsigned char *s = bytes_of(st, col);
    return put_string(b, s, (size_t)sqlite3_column_bytes(st, col));
}

static int same_text(sqlite3_stmt *st, int a, int b) {
    int n = sqlite3_column_bytes(st, a);
    if (n != sqlite3_column_bytes(st, b)) return 0;
    return memcmp(bytes_of(st, a), bytes_of(st, b), (size_t)n) == 0;
}

typedef struct {
    const char *before, *key;
    Py_ssize_t before_len, key_len;
    int mode, col;
} Slot;

/* A strict reader of RFC 8259 JSON (no NaN, no JSON5, no control character in a string, at
 * most 64 levels deep): whatever it accepts, Python's json reads as the same kind of value. It
 * answers the end of the value that starts at `s`, or NULL. */
static const unsigned char *json_value(const unsigned char *s, const unsigned char *end, int depth);

static const unsigned char *json_space(const unsigned char *s, const unsigned char *end) {
    while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) s++;
    return s;
}

static int is_hex(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

static const unsigned char *json_string(const unsigned char *s, const unsigned char *end) {
    s++; /* the opening quote */
    while (s < end) {
        unsigned char c = *s++;
        if (c == '"') return s;
        if (c < 0x20) return NULL;
        if (c != '\\') continue;
        if (s >= end) return NULL;
        c = *s++;
        if (c == 'u') {
            if (end - s < 4 || !is_hex(s[0]) || !is_hex(s[1]) || !is_hex(s[2]) || !is_hex(s[3])) return NULL;
            s += 4;
        } else if (!strchr("\"\\/bfnrt", c) || c == 0) {
            return NULL;
        }
    }
    return NULL;
}

static const unsigned char *json_digits(const unsigned char *s, const unsigned char *end) {
    const unsigned char *start = s;
    while (s < end && *s >= '0' && *s <= '9') s++;
    return s > start ? s : NULL;
}

static const unsigned char *json_number(const unsigned char *s, const unsigned char *end) {
    if (s < end && *s == '-') s++;
    if (s < end && *s == '0') {
        s++;
    } else if (!(s = json_digits(s, end))) {
        return NULL;
    }
    if (s < end && *s == '.' && !(s = json_digits(s + 1, end))) return NULL;
    if (s < end && (*s == 'e' || *s == 'E')) {
        s++;
        if (s < end && (*s == '+' || *s == '-')) s++;
        if (!(s = json_digits(s, end))) return NULL;
    }
    return s;
}

static const unsigned char *json_word(const unsigned char *s, const unsigned char *end, const char *word) {
    size_t n = strlen(word);
    return (size_t)(end - s) >= n && memcmp(s, word, n) == 0 ? s + n : NULL;
}

static const unsigned char *json_members(const unsigned char *s, const unsigned char *end, int depth, char close) {
    s = json_space(s + 1, end);
    if (s < end && *s == close) return s + 1;
    for (;;) {
        if (close == '}') {
            if (s >= end || *s != '"' || !(s = json_string(s, end))) return NULL;
            s = json_space(s, end);
            if (s >= end || *s != ':') return NULL;
            s = json_space(s + 1, end);
        }
        if (!(s = json_value(s, end, depth + 1))) return NULL;
        s = json_space(s, end);
        if (s >= end) return NULL;
        if (*s == close) return s + 1;
        if (*s != ',') return NULL;
        s = json_space(s + 1, end);
    }
}

static const unsigned char *json_value(const unsigned char *s, const unsigned char *end, int depth) {
    if (s >= end || depth > 64) return NULL;
    switch (*s) {
    case '{': return json_members(s, end, depth, '}');
    case '[': return json_members(s, end, depth, ']');
    case '"': return json_string(s, end);
    case 't': return json_word(s, end, "true");
    case 'f': return json_word(s, end, "false");
    case 'n': return json_word(s, end, "null");
    default: return json_number(s, end);
    }
}

/* A JSON column spelled as one whole value opening with `open` ('[' or '{'), nothing around. */
static int holds(sqlite3_stmt *st, const Slot *slot, char open) {
    const unsigned char *s = bytes_of(st, slot->col);
    const unsigned char *end = s + sqlite3_column_bytes(st, slot->col);
    return s < end && s[0] == (unsigned char)open && json_value(s, end, 0) == end;
}

/* The claim payload the claims row spells out, as `verify_range._FastChecker._same` writes it;
 * 0 when a column holds what that shortcut refuses. */
static int put_claim(Buffer *b, sqlite3_stmt *st, const Slot *slots, Py_ssize_t n, const char *tail,
                     Py_ssize_t tail_len) {
    for (Py_ssize_t i = 0; i < n; i++) {
        const Slot *slot = &slots[i];
        int col = slot->col, type = sqlite3_column_type(st, col);
        if (!put(b, slot->before, (size_t)slot->before_len)) return 0;
        int empty = type == SQLITE_NULL || (type == SQLITE_TEXT && sqlite3_column_bytes(st, col) == 0);
        switch (slot->mode) {
        case STRING:
            if (!put_text_or_null(b, st, col)) return 0;
            break;
        case COUNT:
            if (type == SQLITE_NULL) {
                if (!put(b, "null", 4)) return 0;
            } else if (type == SQLITE_INTEGER) {
                if (!put_integer(b, sqlite3_column_int64(st, col))) return 0;
            } else {
                return 0;
            }
            break;
        case LIST:
            if (empty) {
                if (type != SQLITE_NULL && type != SQLITE_TEXT) return 0;
                if (!put(b, "[]", 2)) return 0;
                break;
            }
            if (type != SQLITE_TEXT || !holds(st, slot, '[')) return 0;
            if (!put(b, (const char *)bytes_of(st, col), (size_t)sqlite3_column_bytes(st, col)))
                return 0;
            break;
        case OPTIONAL_OBJECT:
        case OPTIONAL_LIST:
        case OPTIONAL_STRING:
            if (empty) {
                if (type != SQLITE_NULL && type != SQLITE_TEXT) return 0;
                break;
            }
            if (type != SQLITE_TEXT) return 0;
            if (!put(b, slot->key, (size_t)slot->key_len)) return 0;
            if (slot->mode == OPTIONAL_STRING) {
                if (!put_text_or_null(b, st, col)) return 0;
            } else {
                if (!holds(st, slot, slot->mode == OPTIONAL_OBJECT ? '{' : '[')) return 0;
                if (!put(b, (const char *)bytes_of(st, col), (size_t)sqlite3_column_bytes(st, col)))
                    return 0;
            }
            if (!put(b, ",", 1)) return 0;
            break;
        default:
            return 0;
        }
    }
    return put(b, tail, (size_t)tail_len);
}

/* The entry's canonical JSON as `chain.entry_hash` writes it, hashed; its hex in `hex`. */
static int hash_entry(Buffer *b, sqlite3_stmt *st, char hex[65]) {
    static const char digits[] = "0123456789abcdef";
    b->len = 0;
    int ok = put(b, "{\"kind\":", 8) && put_text_or_null(b, st, 1) && put(b, ",\"payload\":", 11) &&
             put_text_or_null(b, st, 3) && put(b, ",\"prev_hash\":", 13) && put_text_or_null(b, st, 6) &&
             put(b, ",\"recorded_at\":", 15) && put_text_or_null(b, st, 5) &&
             put(b, ",\"recorded_by\":", 15) && put_text_or_null(b, st, 4) && put(b, ",\"ref\":", 7) &&
             put_text_or_null(b, st, 2);
    if (!ok) return 0;
    if (!put(b, ",\"seq\":", 7) || !put_integer(b, sqlite3_column_int64(st, 0)) || !put(b, "}", 1)) return 0;
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256((const unsigned char *)b->data, b->len, digest);
    for (int i = 0; i < 32; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 15];
    }
    hex[64] = 0;
    return 1;
}

static int is_kind(const unsigned char *kind, int n, const char *name) {
    return (size_t)n == strlen(name) && memcmp(kind, name, (size_t)n) == 0;
}

typedef struct {
    long long entries, claims, head_seq;
    int has_head;
    char last[65];
    PyObject *others;
} Tally;

/* 1: every entry passed; 0: one did not (or the range does not run on from `expected`). */
static int walk(sqlite3_stmt *st, long long expected, const char *prev_in, const char *head, const Slot *slots,
                Py_ssize_t n_slots, const char *tail, Py_ssize_t tail_len, Tally *t) {
    Buffer entry = {0}, claim = {0};
    char prev[65], hex[65];
    int ok = 1, rc = SQLITE_DONE;
    snprintf(prev, sizeof prev, "%s", prev_in);
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (sqlite3_column_type(st, 0) != SQLITE_INTEGER || sqlite3_column_int64(st, 0) != expected) {
            ok = 0;
            break;
        }
        for (int col = 1; col <= 7 && ok; col++)
            ok = col == 4 ? (is_text(st, col) || sqlite3_column_type(st, col) == SQLITE_NULL) : is_text(st, col);
        /* The hashes are held to hex below; a claims row's texts to these entry's bytes. */
        for (int col = 1; col <= 5 && ok; col++)
            ok = is_utf8(bytes_of(st, col), (size_t)sqlite3_column_bytes(st, col));
        if (!ok) break;
        const char *stored_prev = (const char *)bytes_of(st, 6);
        const char *stored = (const char *)bytes_of(st, 7);
        if (sqlite3_column_bytes(st, 6) != 64 || memcmp(stored_prev, prev, 64) != 0 ||
            sqlite3_column_bytes(st, 7) != 64 || !hash_entry(&entry, st, hex) || memcmp(hex, stored, 64) != 0) {
            ok = 0;
            break;
        }
        const unsigned char *kind = bytes_of(st, 1);
        int kind_len = sqlite3_column_bytes(st, 1);
        if (is_kind(kind, kind_len, "claim")) {
            int by_same = sqlite3_column_type(st, 4) == SQLITE_NULL
                              ? sqlite3_column_type(st, 9) == SQLITE_NULL
                              : is_text(st, 9) && same_text(st, 4, 9);
            claim.len = 0;
            ok = is_text(st, 8) && same_text(st, 2, 8) && by_same && is_text(st, 10) && same_text(st, 3, 10) &&
                 put_claim(&claim, st, slots, n_slots, tail, tail_len) &&
                 claim.len == (size_t)sqlite3_column_bytes(st, 3) &&
                 memcmp(claim.data, bytes_of(st, 3), claim.len) == 0;
            t->claims++;
        } else if (is_kind(kind, kind_len, "agreement") || is_kind(kind, kind_len, "user") ||
                   is_kind(kind, kind_len, "document") || is_kind(kind, kind_len, "review")) {
            PyObject *row = Py_BuildValue("(Ls#s#s#)", expected, (const char *)kind, (Py_ssize_t)kind_len,
                                          (const char *)bytes_of(st, 2),
                                          (Py_ssize_t)sqlite3_column_bytes(st, 2),
                                          (const char *)bytes_of(st, 3),
                                          (Py_ssize_t)sqlite3_column_bytes(st, 3));
            ok = row != NULL && PyList_Append(t->others, row) == 0;
            Py_XDECREF(row);
            if (!ok) PyErr_Clear(); /* not UTF-8: the entry-by-entry pass says what it is */
        } else {
            ok = 0;
        }
        if (!ok) break;
        if (head && memcmp(stored, head, 64) == 0) {
            t->has_head = 1;
            t->head_seq = expected;
        }
        memcpy(prev, stored, 64);
        prev[64] = 0;
        memcpy(t->last, stored, 65);
        t->entries++;
        expected++;
    }
    if (ok && rc != SQLITE_DONE) ok = 0;
    free(entry.data);
    free(claim.data);
    return ok;
}

static int read_plan(PyObject *plan, Slot **slots, Py_ssize_t *n) {
    *n = PyTuple_Size(plan);
    if (*n < 0) return 0;
    *slots = PyMem_Calloc((size_t)(*n ? *n : 1), sizeof(Slot));
    if (!*slots) return 0;
    for (Py_ssize_t i = 0; i < *n; i++) {
        Slot *s = &(*slots)[i];
        if (!PyArg_ParseTuple(PyTuple_GET_ITEM(plan, i), "s#s#ii", &s->before, &s->before_len, &s->key,
                              &s->key_len, &s->mode, &s->col))
            return 0;
    }
    return 1;
}

static PyObject *check(PyObject *self, PyObject *args) {
    (void)self;
    const char *path, *sql, *prev, *head, *tail;
    Py_ssize_t tail_len;
    PyObject *lo, *plan;
    long long hi, expected;
    if (!PyArg_ParseTuple(args, "ssOLLszO!s#", &path, &sql, &lo, &hi, &expected, &prev, &head, &PyTuple_Type,
                          &plan, &tail, &tail_len))
        return NULL;
    if (strlen(prev) != 64) Py_RETURN_NONE;
    if (head && strlen(head) != 64) head = NULL; /* no hash that passes is spelled so */
    Slot *slots = NULL;
    Py_ssize_t n_slots = 0;
    if (!read_plan(plan, &slots, &n_slots)) {
        PyMem_Free(slots);
        return NULL;
    }
    Tally t = {0};
    t.others = PyList_New(0);
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int ok = t.others != NULL &&
             sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
             sqlite3_busy_timeout(db, 5000) == SQLITE_OK &&
             /* pages mapped rather than copied by read(): the file is only read here */
             sqlite3_exec(db, "PRAGMA mmap_size=68719476736", NULL, NULL, NULL) == SQLITE_OK &&
             sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK;
    if (ok && lo != Py_None) ok = sqlite3_bind_int64(st, 1, PyLong_AsLongLong(lo)) == SQLITE_OK;
    if (ok && lo == Py_None) ok = sqlite3_bind_null(st, 1) == SQLITE_OK;
    if (ok) ok = sqlite3_bind_int64(st, 2, hi) == SQLITE_OK;
    if (ok) ok = walk(st, expected, prev, head, slots, n_slots, tail, tail_len, &t);
    sqlite3_finalize(st);
    sqlite3_close(db);
    PyMem_Free(slots);
    if (PyErr_Occurred()) {
        Py_XDECREF(t.others);
        return NULL;
    }
    if (!ok) {
        Py_XDECREF(t.others);
        Py_RETURN_NONE;
    }
    PyObject *head_seq = t.has_head ? PyLong_FromLongLong(t.head_seq) : Py_NewRef(Py_None);
    PyObject *last = t.entries ? PyUnicode_FromStringAndSize(t.last, 64) : Py_NewRef(Py_None);
    return Py_BuildValue("(LLNNN)", t.entries, t.claims, last, head_seq, t.others);
}

/* `json_kind(text)`: '[' or '{' when the text is one JSON array or object as the check reads
 * JSON columns, else None (what the tests hold against Python's json). */
static PyObject *json_kind(PyObject *self, PyObject *args) {
    (void)self;
    const char *text;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "s#", &text, &n)) return NULL;
    const unsigned char *s = (const unsigned char *)text, *end = s + n;
    if (n == 0 || (s[0] != '[' && s[0] != '{') || json_value(s, end, 0) != end) Py_RETURN_NONE;
    return PyUnicode_FromStringAndSize(text, 1);
}

static PyMethodDef methods[] = {
    {"json_kind", json_kind, METH_VARARGS, "'[' or '{' for one JSON array or object, else None."},
    {"check", check, METH_VARARGS, "Check a range of a SQLite ledger's chain; None when it must be read again."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_chaincheck", NULL, -1, methods};

PyMODINIT_FUNC PyInit__chaincheck(void) {
    init_escapes();
    return PyModule_Create(&module);
}
