package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/planwatch/planwatch/internal/obsimport"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/planparse"
	"github.com/planwatch/planwatch/internal/store"
)

// runImport imports a plan text or a file of observations.
func runImport(ctx context.Context, env Env, args []string) error {
	const synopsis = "plan FILE [--replace] [--scope 长沙市] | observations FILE.csv|FILE.xlsx --plan ID  [--db FILE|URL]"
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		newFlagSet(env, "import", synopsis).Usage()
		if len(args) == 0 {
			return fmt.Errorf("%w: want plan or observations", errUsage)
		}
		return nil
	}
	switch args[0] {
	case "plan":
		return importPlan(ctx, env, args[1:])
	case "observations", "obs":
		return importObservations(ctx, env, args[1:])
	}
	return fmt.Errorf("%w: unknown import kind %q (want plan or observations)", errUsage, args[0])
}

func importPlan(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet(env, "import plan", "FILE [--replace] [--scope 长沙市] [--db FILE|URL]")
	db := dbFlag(fs, defaultDB)
	replace := fs.Bool("replace", false, "re-import a plan already stored (same 文号 or text), keeping observations of targets that still match")
	scope := fs.String("scope", "", "jurisdiction the plan covers, e.g. 长沙市 (default: from the issuer)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: want one plan file (.txt or .docx)", errUsage)
	}
	name := pos[0]
	data, err := os.ReadFile(name)
	if err != nil {
		return fmt.Errorf("import plan: %w", err)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	rec, created, err := importPlanData(ctx, st, name, data, *scope, *replace, cliActor())
	if err != nil {
		return err
	}
	// Without --replace an existing key is left alone; with it the store
	// replaces the plan in place (created stays false: same plan ID).
	if !created && !*replace {
		fmt.Fprintf(env.Stdout, "已存在，未更改 (already imported, nothing changed): 计划 %d %s\n", rec.ID, rec.Key)
		return nil
	}
	c := countPlan(rec.Plan)
	verb := "已导入 (imported)"
	if !created {
		verb = "已替换 (replaced; observations kept on matching targets)"
	}
	fmt.Fprintf(env.Stdout, "%s 计划 %d: %s\n", verb, rec.ID, rec.Plan.Title)
	fmt.Fprintf(env.Stdout, "key %s, scope %s\n", rec.Key, rec.Scope)
	fmt.Fprintf(env.Stdout, "%d 个章节 sections, %d 项任务 tasks, %d 个量化目标 targets, %d 个节点 milestones\n",
		c.sections, c.tasks, c.targets, c.milestones)
	return nil
}

// importPlanData parses and stores one plan file.
func importPlanData(ctx context.Context, st store.Store, name string, data []byte, scope string, replace bool, by store.Actor) (store.PlanRecord, bool, error) {
	// Decode once and store the text itself: a .docx or GB18030 file
	// becomes the UTF-8 text that was read, and its hash keys the plan
	// when it has no 文号.
	text, err := planparse.Decode(data)
	if err != nil {
		return store.PlanRecord{}, false, fmt.Errorf("import plan %s: %w", name, err)
	}
	p := planparse.ParseText(text)
	if planparse.Empty(p) {
		// An empty tree means the text is not a plan (or its numbering
		// is one the parser does not know): storing it would show an
		// empty plan as if it were tracked.
		return store.PlanRecord{}, false, fmt.Errorf("import plan %s: %w", name,
			store.Errorf(store.EInvalid, "no numbered tasks, targets or milestones found (一、 （一） 1. …); is this an action plan? nothing stored"))
	}
	rec, created, err := st.ImportPlan(ctx, store.PlanImport{
		Plan:       p,
		Source:     text,
		SourceName: filepath.Base(name),
		Scope:      scope,
		Replace:    replace,
	}, by)
	if err != nil {
		return store.PlanRecord{}, false, fmt.Errorf("import plan %s: %w", name, err)
	}
	return rec, created, nil
}

type planCounts struct{ sections, tasks, targets, milestones int }

// countPlan counts sections, tasks (sections without children: where
// work is assigned), targets and milestones.
func countPlan(p *plan.Plan) planCounts {
	var c planCounts
	p.Walk(func(s *plan.Section) {
		c.sections++
		if len(s.Children) == 0 {
			c.tasks++
		}
		c.targets += len(s.Targets)
		c.milestones += len(s.Milestones)
	})
	return c
}

func importObservations(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet(env, "import observations", "FILE.csv|FILE.xlsx --plan ID [--check] [--allow-duplicates] [--db FILE|URL]\n\nColumns: see docs/observations.md")
	db := dbFlag(fs, defaultDB)
	planID := fs.Int64("plan", 0, "the plan the observations report on (see planwatch status)")
	allowDup := fs.Bool("allow-duplicates", false, "store rows identical to a stored observation or to another row")
	checkOnly := fs.Bool("check", false, "check the file against the plan and stop: nothing is stored")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: want one .csv or .xlsx file", errUsage)
	}
	if *planID <= 0 {
		return fmt.Errorf("%w: --plan ID is required", errUsage)
	}
	name := pos[0]
	data, err := os.ReadFile(name)
	if err != nil {
		return fmt.Errorf("import observations: %w", err)
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	rec, err := st.FindPlanByID(ctx, *planID)
	if err != nil {
		return fmt.Errorf("import observations: plan %d: %w", *planID, err)
	}
	rows, err := obsimport.ReadRows(name, data, obsimport.Options{PlanID: rec.ID, Plan: rec.Plan})
	if err != nil {
		return fmt.Errorf("import observations rejected, nothing stored: %w", err)
	}
	if !*allowDup {
		if err := checkDuplicates(ctx, st, rec.ID, name, rows); err != nil {
			return err
		}
	}
	if *checkOnly {
		fmt.Fprintf(env.Stdout, "检查通过 (check passed): %s 共 %d 行，可导入计划 %d；未写入 (nothing stored)\n", name, len(rows), rec.ID)
		return nil
	}
	obs := make([]plan.Observation, len(rows))
	for i, r := range rows {
		obs[i] = r.Observation
	}
	stored, err := st.CreateObservations(ctx, obs, cliActor())
	if err != nil {
		return fmt.Errorf("import observations from %s, nothing stored: %w", name, err)
	}
	onTargets, asContext := 0, 0
	for _, o := range stored {
		if o.TargetID != "" {
			onTargets++
		} else {
			asContext++
		}
	}
	fmt.Fprintf(env.Stdout, "已导入 %d 条观测 (observations imported) 到计划 %d: %d 条关联目标, %d 条作为背景\n", len(stored), rec.ID, onTargets, asContext)
	return nil
}

// checkDuplicates rejects a file with a row that repeats a stored
// observation or an earlier row: importing the same monthly report twice
// is the usual slip, and a repeated flow would be counted twice.
func checkDuplicates(ctx context.Context, st store.Store, planID int64, name string, rows []obsimport.Row) error {
	stored, err := st.ListObservations(ctx, store.ObservationFilter{PlanID: planID})
	if err != nil {
		return fmt.Errorf("import observations: check for duplicates: %w", err)
	}
	seen := make(map[string]string, len(stored)+len(rows))
	for _, o := range stored {
		seen[sameFigure(o)] = fmt.Sprintf("observation %d already stored", o.ID)
	}
	for _, r := range rows {
		k := sameFigure(r.Observation)
		if where, dup := seen[k]; dup {
			return fmt.Errorf("import observations rejected, nothing stored: %s line %d: the same figure as %s (target, period, value, scope and source); remove the row, or use --allow-duplicates if it really was reported twice", name, r.Line, where)
		}
		seen[k] = fmt.Sprintf("line %d", r.Line)
	}
	return nil
}

// sameFigure is what makes two reports the same report.
func sameFigure(o plan.Observation) string {
	v := ""
	if o.Value != nil {
		v = strconv.FormatFloat(*o.Value, 'g', -1, 64)
	}
	return strings.Join([]string{o.TargetID, o.SectionID, o.Kind, string(o.PeriodStart), string(o.PeriodEnd),
		v, o.ValueText, o.Unit, o.Scope, o.SourceURL, o.Quote}, "\x00")
}
