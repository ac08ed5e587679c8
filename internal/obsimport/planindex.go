package obsimport

import (
	"fmt"
	"sort"
	"strings"

	"github.com/planwatch/planwatch/internal/plan"
)

// planIndex answers which targets and tasks a plan has.
type planIndex struct {
	planID   int64
	targets  map[string]string // target ID -> section ID
	sections []*plan.Section   // document order
}

func newPlanIndex(opts Options) *planIndex {
	idx := &planIndex{planID: opts.PlanID, targets: map[string]string{}}
	opts.Plan.Walk(func(s *plan.Section) {
		idx.sections = append(idx.sections, s)
		for _, t := range s.Targets {
			idx.targets[t.ID] = s.ID
		}
	})
	return idx
}

func (idx *planIndex) unknownTarget(id string) string {
	sec := id
	if i := strings.LastIndex(id, "-"); i > 0 {
		sec = id[:i]
	}
	var near []string
	for tid, s := range idx.targets {
		if s == sec {
			near = append(near, tid)
		}
	}
	sort.Strings(near)
	if len(near) > 0 {
		return fmt.Sprintf("target %s is not in plan %d (task %s has %s)", id, idx.planID, sec, strings.Join(near, ", "))
	}
	return fmt.Sprintf("target %s is not in plan %d", id, idx.planID)
}

// findTask matches a task by positional ID, then exact title, then a
// unique title containing the words.
func (idx *planIndex) findTask(task string) (*plan.Section, error) {
	for _, s := range idx.sections {
		if s.ID == task {
			return s, nil
		}
	}
	var hits []*plan.Section
	for _, s := range idx.sections {
		if s.Title == task {
			hits = append(hits, s)
		}
	}
	if len(hits) == 0 {
		for _, s := range idx.sections {
			if strings.Contains(s.Title, task) {
				hits = append(hits, s)
			}
		}
	}
	switch len(hits) {
	case 0:
		return nil, fmt.Errorf("no task %q in plan %d", task, idx.planID)
	case 1:
		return hits[0], nil
	}
	ids := make([]string, len(hits))
	for i, s := range hits {
		ids[i] = s.ID + " " + s.Title
	}
	return nil, fmt.Errorf("task %q is ambiguous: %s", task, strings.Join(ids, "; "))
}

// find resolves task and/or subject words to a target; with no subject a
// task alone gives context for that task (empty target ID).
func (idx *planIndex) find(task, subject string) (targetID, sectionID string, err error) {
	scope := idx.sections
	if task != "" {
		s, err := idx.findTask(task)
		if err != nil {
			return "", "", &taskError{err}
		}
		if subject == "" {
			return "", s.ID, nil
		}
		scope = []*plan.Section{s}
	}
	type hit struct{ id, sec, subject string }
	var hits []hit
	for _, s := range scope {
		for _, t := range s.Targets {
			if strings.Contains(t.Subject, subject) || strings.Contains(t.Quote, subject) {
				hits = append(hits, hit{t.ID, s.ID, t.Subject})
			}
		}
	}
	switch len(hits) {
	case 0:
		return "", "", fmt.Errorf("no target about %q in %s", subject, where(task, idx.planID))
	case 1:
		return hits[0].id, hits[0].sec, nil
	}
	names := make([]string, len(hits))
	for i, h := range hits {
		names[i] = h.id + " " + h.subject
	}
	return "", "", fmt.Errorf("%q matches several targets (%s): use the target column", subject, strings.Join(names, "; "))
}

func where(task string, planID int64) string {
	if task == "" {
		return fmt.Sprintf("plan %d", planID)
	}
	return "task " + task
}

// taskError marks a failure to find the task, so the error points at the
// task column rather than the subject.
type taskError struct{ error }
