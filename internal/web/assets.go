package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// static always holds our own app.css and app.js; static/vendor/ holds
// echarts.min.js only when internal/web/vendor.sh ran after `npm ci`, and
// the pages fall back to tables when it is absent.
//
//go:embed static
var staticFS embed.FS

const echartsAsset = "vendor/echarts.min.js"

// asset is one embedded file with its precompressed form.
type asset struct {
	body  []byte
	gz    []byte
	ctype string
}

// assetSet serves embedded files under /static/<hash>/<name>; the hash in
// the URL changes with the content, so browsers may cache for a year.
type assetSet struct {
	byName map[string]string // name -> URL
	byURL  map[string]*asset
}

func loadAssets() (*assetSet, error) {
	s := &assetSet{byName: map[string]string{}, byURL: map[string]*asset{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "static/")
		sum := sha256.Sum256(body)
		u := "/static/" + hex.EncodeToString(sum[:6]) + "/" + name
		ctype := mime.TypeByExtension(path.Ext(name))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		// Compressed once at start: echarts.min.js is ~1 MB raw, ~0.35 MB gzipped.
		var zb bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&zb, gzip.BestCompression)
		zw.Write(body)
		zw.Close()
		s.byName[name] = u
		s.byURL[u] = &asset{body: body, gz: zb.Bytes(), ctype: ctype}
		return nil
	})
	return s, err
}

func (s *assetSet) url(name string) string { return s.byName[name] }

func (s *assetSet) has(name string) bool { _, ok := s.byName[name]; return ok }

func (s *assetSet) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a := s.byURL[r.URL.Path]
	if a == nil {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("Content-Type", a.ctype)
	h.Add("Vary", "Accept-Encoding")
	body := a.body
	if acceptsGzip(r) && len(a.gz) < len(a.body) {
		h.Set("Content-Encoding", "gzip")
		body = a.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
