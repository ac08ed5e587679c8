package planparse

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/planwatch/planwatch/internal/plan"
)

// ErrNoText is returned for input that holds no text at all.
var ErrNoText = errors.New("no text")

// Parse decodes data and reads it as a plan. name is used only in error
// messages. Plain text may be UTF-8 (with or without BOM) or GB18030/GBK;
// data starting with the zip signature must be a .docx.
func Parse(name string, data []byte) (*plan.Plan, error) {
	text, err := Decode(data)
	if err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	return ParseText(text), nil
}

// Decode turns the bytes of a plan file into text.
func Decode(data []byte) (string, error) {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return docxText(data)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return "", ErrNoText
	}
	var text string
	switch invalid, multi := utf8Damage(data); {
	case invalid == 0:
		text = string(data)
	case invalid*20 < multi || cutInCharacter(data):
		// UTF-8 with a few broken bytes (a text cut inside a character,
		// a bad copy): decoding it as GB18030 would garble every line, so
		// the broken bytes are dropped instead.
		text = strings.ToValidUTF8(string(data), "")
	default:
		gb, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if i := bytes.IndexRune(gb, utf8.RuneError); err != nil || i >= 0 || !utf8.Valid(gb) {
			at := invalidAt(data)
			return "", fmt.Errorf("not UTF-8 or GB18030 text: invalid byte 0x%02x at byte %d", data[at], at)
		}
		text = string(gb)
	}
	if i := binaryAt(text); i >= 0 {
		return "", fmt.Errorf("binary data, not text: control byte 0x%02x at byte %d", text[i], i)
	}
	if strings.TrimSpace(strings.Trim(text, "\u3000\u00a0\ufeff")) == "" {
		return "", ErrNoText
	}
	return text, nil
}

// cutInCharacter reports whether data is UTF-8 cut inside its last
// character.
func cutInCharacter(data []byte) bool {
	for k := 1; k <= 3 && k < len(data); k++ {
		if utf8.Valid(data[:len(data)-k]) {
			return !utf8.FullRune(data[len(data)-k:])
		}
	}
	return false
}

// utf8Damage counts the bytes of data that are not valid UTF-8 and the
// valid multi-byte characters around them.
func utf8Damage(data []byte) (invalid, multi int) {
	if utf8.Valid(data) {
		return 0, 0
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			invalid++
		case size > 1:
			multi++
		}
		i += size
	}
	return invalid, multi
}

// invalidAt returns the offset of the first byte that is not valid UTF-8.
func invalidAt(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}

// binaryAt returns the offset of the first control byte that text never
// holds (NUL and the like; tabs, line breaks and form feeds are fine), or
// -1. GB18030 decodes almost any bytes, so this is what tells an image
// or an executable from a text.
func binaryAt(text string) int {
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' {
			return i
		}
	}
	return -1
}
