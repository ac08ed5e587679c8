package planparse_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/planparse"
)

var update = flag.Bool("update", false, "rewrite the snapshots in testdata/golden from the parser's output")

func parseChangsha(t *testing.T) *plan.Plan {
	t.Helper()
	if _, err := os.Stat(changshaText); err != nil {
		t.Skipf("shared plans not beside the repository: %v", err)
	}
	p, err := planparse.Parse("changsha_xinjijian_2020.txt", readPlanText(t, changshaText))
	if err != nil {
		t.Fatalf("parse Changsha: %v", err)
	}
	return p
}

// TestChangshaAcceptance is the acceptance test: every task of
// 二、主要任务 has exactly the hand-read lead and co-units, and every
// hand-read target is found with the right comparator, value, unit and
// deadline.
func TestChangshaAcceptance(t *testing.T) {
	p := parseChangsha(t)
	g := loadGold(t, "testdata/changsha.gold.json")
	byID := map[string]*plan.Section{}
	var targets []plan.Target
	var milestones []plan.Milestone
	p.Walk(func(s *plan.Section) {
		byID[s.ID] = s
		targets = append(targets, s.Targets...)
		milestones = append(milestones, s.Milestones...)
	})

	t.Run("tasks", func(t *testing.T) {
		want := map[string]bool{}
		for _, r := range g.Responsibilities {
			want[r.Section] = true
			s := byID[r.Section]
			if s == nil {
				t.Errorf("task %s %s: no such section", r.Section, r.SectionTitle)
				continue
			}
			if norm(s.Title) != norm(r.SectionTitle) {
				t.Errorf("task %s: title %q, want %q", r.Section, s.Title, r.SectionTitle)
			}
			if !equalUnits(s.LeadUnits, r.LeadUnits) || !equalUnits(s.CoUnits, r.CoUnits) {
				t.Errorf("task %s %s:\n got lead %q co %q\nwant lead %q co %q", r.Section, r.SectionTitle, s.LeadUnits, s.CoUnits, r.LeadUnits, r.CoUnits)
			}
		}
		// 二、主要任务 has four chapters of tasks and nothing else.
		two := byID["2"]
		if two == nil || norm(two.Title) != "主要任务" {
			t.Fatalf("section 2 is not 主要任务: %+v", two)
		}
		n := 0
		for _, ch := range two.Children {
			for _, task := range ch.Children {
				n++
				if !want[task.ID] {
					t.Errorf("unexpected task %s %q", task.ID, task.Title)
				}
			}
		}
		if n != len(want) {
			t.Errorf("%d tasks under 二、主要任务, want %d", n, len(want))
		}
	})

	t.Run("targets", func(t *testing.T) {
		for _, gt := range g.Targets {
			found := false
			for _, pt := range targets {
				if targetMatches(gt, pt) {
					found = true
					if pt.Cumulative != gt.Cumulative {
						t.Errorf("target %q: cumulative %v, want %v", gt.Quote, pt.Cumulative, gt.Cumulative)
					}
					break
				}
			}
			if !found {
				t.Errorf("target not found: %s%s", describeGold(gt), nearest(gt, targets, make([]bool, len(targets))))
			}
		}
		for _, pt := range targets {
			if pt.Unit == "千伏" {
				t.Errorf("a voltage class read as a target: %s", describe(pt))
			}
		}
		if len(targets) != len(g.Targets) {
			t.Errorf("%d targets, want %d (the hand reading lists every quantitative target)", len(targets), len(g.Targets))
		}
	})

	t.Run("milestone", func(t *testing.T) {
		const cloud = "长沙市政务云二期、长沙市城市超级大脑、城市运行中心等项目完成建设并投入运行"
		for _, m := range milestones {
			if m.Deadline == "2022-12-31" && overlaps(m.Quote, cloud, 20) {
				return
			}
		}
		t.Errorf("milestone %q by 2022-12-31 not found among %d milestones", cloud, len(milestones))
	})
}

func equalUnits(got, want []string) bool {
	return sameSet(goldSet(got), goldSet(want)) && len(got) == len(want)
}

// snapshotCases are the texts whose full Parse output is kept in
// testdata/golden: Changsha (when the shared folder is there) and every
// plan in testdata/plans.
func snapshotCases(t *testing.T) map[string][]byte {
	cases := map[string][]byte{}
	if _, err := os.Stat(changshaText); err == nil {
		cases["changsha_xinjijian_2020"] = readPlanText(t, changshaText)
	}
	texts, _ := filepath.Glob("testdata/plans/*.txt")
	for _, f := range texts {
		cases[strings.TrimSuffix(filepath.Base(f), ".txt")] = planInput(t, f)
	}
	return cases
}

// TestGolden compares the whole parse of each plan with its snapshot. A
// snapshot is checked by a person against the text before it is committed;
// after a parser change, rerun with -update and read the diff.
func TestGolden(t *testing.T) {
	for name, data := range snapshotCases(t) {
		t.Run(name, func(t *testing.T) {
			p, err := planparse.Parse(name+".txt", data)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			got, err := json.MarshalIndent(p, "", "  ")
			if err != nil {
				t.Fatalf("marshal: %v", err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("no snapshot (run go test -run Golden -update and read it against the text): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("parse of %s differs from %s:\n%s", name, path, firstDiff(string(want), string(got)))
			}
		})
	}
}

// firstDiff shows the first differing line with a little context.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want " + w + "\n  got  " + g
		}
	}
	return ""
}
