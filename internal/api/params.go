package api

import (
	"net/http"
	"strconv"

	"github.com/planwatch/planwatch/internal/plan"
)

// pathID reads the positive integer path value name.
func pathID(r *http.Request, name string) (int64, error) {
	s := r.PathValue(name)
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, invalidf(name, "应为正整数，收到 %q (want a positive integer, got %q)", s, s)
	}
	return id, nil
}

// asOf reads the as_of query parameter, defaulting to today.
func (a *API) asOf(r *http.Request) (plan.Date, error) {
	s := r.URL.Query().Get("as_of")
	if s == "" {
		return a.today(), nil
	}
	d, err := plan.ParseDate(s)
	if err != nil {
		return "", invalidf("as_of", "日期格式应为 YYYY-MM-DD，收到 %q (want YYYY-MM-DD)", s)
	}
	return d, nil
}

// queryID reads an optional positive integer query parameter; 0 when absent.
func queryID(r *http.Request, name string) (int64, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, invalidf(name, "应为正整数，收到 %q (want a positive integer)", s)
	}
	return id, nil
}

// queryBool reads an optional boolean query parameter.
func queryBool(r *http.Request, name string) (bool, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return false, nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, invalidf(name, "应为 true 或 false，收到 %q (want true or false)", s)
	}
	return b, nil
}
