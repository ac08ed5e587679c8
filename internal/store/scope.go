package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/planwatch/planwatch/internal/plan"
)

// PlanKey is the identity under which a plan is stored: its document
// number when it has one (the number a supervision office files it under),
// else "sha256:" and the hash of the source text, so that importing the
// same text twice finds the same plan. A plan with neither is keyed by the
// hash of its JSON.
func PlanKey(p *plan.Plan, source string) string {
	if p != nil {
		if n := strings.Join(strings.Fields(p.DocNumber), ""); n != "" {
			return n
		}
	}
	b := []byte(source)
	if source == "" && p != nil {
		b, _ = json.Marshal(p)
	}
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// organSuffixes are the names of offices under a government, longest
// first; what stays after stripping them is the jurisdiction.
var organSuffixes = []string{
	"人民政府办公厅", "人民政府办公室", "人民政府", "政府办公室", "政府办公厅", "政府",
	"办公厅", "办公室", "管理委员会", "委员会",
}

// divisionEnds are the characters a Chinese administrative division name
// ends with: 湖南省, 长沙市, 海盐县, 立山区, 恩施州, 达拉特旗.
const divisionEnds = "省市县区州旗盟"

// ScopeFromIssuer derives the jurisdiction a plan covers from its issuer:
// "长沙市人民政府办公厅" → "长沙市", "湖南省人民政府" → "湖南省",
// "海盐县人民政府办公室" → "海盐县", "长沙市工业和信息化局" → "长沙市".
// Several issuers ("长沙市人民政府 长沙市工信局") give the first one's
// scope. It returns "" when the issuer names no jurisdiction it can see.
func ScopeFromIssuer(issuer string) string {
	first := strings.FieldsFunc(issuer, func(r rune) bool {
		return r == ' ' || r == '\u3000' || r == '、' || r == ',' || r == '，' || r == ';' || r == '；' || r == '\n' || r == '\t'
	})
	if len(first) == 0 {
		return ""
	}
	s := strings.TrimPrefix(first[0], "中共")
	if i := strings.Index(s, "人民政府"); i > 0 {
		return s[:i]
	}
	for _, suf := range organSuffixes {
		if t, ok := strings.CutSuffix(s, suf); ok && t != "" {
			s = t
			break
		}
	}
	if r, _ := utf8.DecodeLastRuneInString(s); strings.ContainsRune(divisionEnds, r) {
		return s
	}
	// A department such as 长沙市工业和信息化局 or 中共长沙市委: the
	// jurisdiction is the name up to its first division character.
	for i, r := range s {
		if strings.ContainsRune(divisionEnds, r) && i > 0 {
			return s[:i+utf8.RuneLen(r)]
		}
	}
	return ""
}
