package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"github.com/planwatch/planwatch/internal/store"
)

// handler is the one shape every API handler has: parse, validate, call,
// respond, returning early with an error at each step. The error goes to
// serve, which alone turns errors into statuses and the error envelope.
type handler func(w http.ResponseWriter, r *http.Request) error

// httpStatus maps a store error code to its HTTP status.
var httpStatus = map[string]int{
	store.EInvalid:      http.StatusBadRequest,
	store.EUnauthorized: http.StatusUnauthorized,
	store.EForbidden:    http.StatusForbidden,
	store.ENotFound:     http.StatusNotFound,
	store.EConflict:     http.StatusConflict,
	store.EInternal:     http.StatusInternalServerError,
}

// errorBody is the envelope every failing response carries.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// serve runs h and answers its error, if any.
func (a *API) serve(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			a.writeError(w, r, err)
		}
	})
}

// writeError answers err with the envelope. Internal errors are logged
// with their detail and shown as "internal error": the detail may name
// files, SQL or hosts that a caller has no business seeing.
func (a *API) writeError(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil && errors.Is(err, r.Context().Err()) {
		// The client hung up (or the server is shutting down): nobody
		// reads the answer, and it is no internal error worth an alarm.
		a.log.InfoContext(r.Context(), "request abandoned", "method", r.Method, "path", r.URL.Path, "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		err = &statusError{status: http.StatusRequestEntityTooLarge, err: store.Errorf(store.EInvalid, "请求体超过 %d 字节上限 (request body too large)", tooLarge.Limit)}
	}
	code := store.ErrorCode(err)
	status := httpStatus[code]
	var se *statusError
	if errors.As(err, &se) {
		status = se.status
	}
	if status == 0 {
		status = http.StatusInternalServerError
	}
	msg := store.ErrorMessage(err)
	if code == store.EInternal {
		a.log.ErrorContext(r.Context(), "api error", "method", r.Method, "path", r.URL.Path, "err", err)
		msg = "internal error"
	}
	var body errorBody
	body.Error.Code = code
	body.Error.Message = msg
	writeJSON(w, status, body)
}

// statusError is a coded error answered with a status of its own (413).
type statusError struct {
	status int
	err    *store.Error
}

func (e *statusError) Error() string { return e.err.Error() }
func (e *statusError) Unwrap() error { return e.err }

// writeJSON writes v as indented JSON. Encoding goes to a buffer first so
// an encoding failure can still become a clean 500.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		slog.Error("api: encode response", "err", err)
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"code":"internal","message":"internal error"}}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b)
	w.Write([]byte("\n"))
}

// decodeJSON reads one JSON value from r's body into v, rejecting unknown
// fields and trailing data. Its errors are EInvalid and name the field or
// the byte offset, so a caller can find the mistake.
func decodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return store.Errorf(store.EInvalid, "请求体在 JSON 值之后还有内容 (body: trailing data after the JSON value)")
	}
	if _, err := dec.Token(); err != io.EOF {
		return store.Errorf(store.EInvalid, "请求体在 JSON 值之后还有内容 (body: trailing data after the JSON value)")
	}
	return nil
}

func jsonError(err error) error {
	var (
		syntax    *json.SyntaxError
		typ       *json.UnmarshalTypeError
		tooLarge  *http.MaxBytesError
		fieldName string
	)
	switch {
	case errors.As(err, &tooLarge):
		return err
	case errors.Is(err, io.EOF):
		return store.Errorf(store.EInvalid, "请求体为空 (body: empty, want a JSON object)")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return store.Errorf(store.EInvalid, "JSON 不完整 (body: JSON ends early)")
	case errors.As(err, &syntax):
		return store.Errorf(store.EInvalid, "JSON 语法错误，位于第 %d 字节 (body: invalid JSON at byte %d: %v)", syntax.Offset, syntax.Offset, err)
	case errors.As(err, &typ):
		fieldName = typ.Field
		if fieldName == "" {
			fieldName = "body"
		}
		return store.Errorf(store.EInvalid, "%s: 类型错误，应为 %s (%s: want %s, got JSON %s)", fieldName, typ.Type, fieldName, typ.Type, typ.Value)
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return store.Errorf(store.EInvalid, "%s: 未知字段 (%s: unknown field)", name, name)
	}
	// Errors from a field's own UnmarshalJSON (a malformed date) do not
	// say which field; the message still names the bad value.
	return store.Errorf(store.EInvalid, "body: %v", err)
}

// invalidf returns an EInvalid error about field.
func invalidf(field, format string, args ...any) error {
	return store.Errorf(store.EInvalid, "%s: %s", field, fmt.Sprintf(format, args...))
}
