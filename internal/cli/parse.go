package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/planparse"
)

// runParse reads each named plan file ("-" is stdin) and prints its
// structure: a Chinese outline by default, the plan JSON with --json (an
// array when several files are given).
func runParse(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet(env, "parse", "[--json] FILE...  (FILE may be - for stdin; .txt UTF-8/GB18030 or .docx)")
	asJSON := fs.Bool("json", false, "print the plan as JSON (an array when several files are given)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	files := fs.Args()
	if len(files) == 0 {
		fs.Usage()
		return fmt.Errorf("%w: no file given", errUsage)
	}
	plans := make([]*plan.Plan, 0, len(files))
	for _, name := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		data, err := readInput(env, name)
		if err != nil {
			return err
		}
		p, err := planparse.Parse(name, data)
		if err != nil {
			return err
		}
		plans = append(plans, p)
	}
	if *asJSON {
		var v any = plans
		if len(plans) == 1 {
			v = plans[0]
		}
		out, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return fmt.Errorf("encode plan: %w", err)
		}
		out = append(out, '\n')
		_, err = env.Stdout.Write(out)
		return err
	}
	var b strings.Builder
	for i, p := range plans {
		if len(plans) > 1 {
			if i > 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "=== %s\n", files[i])
		}
		writeOutline(&b, p)
	}
	_, err := io.WriteString(env.Stdout, b.String())
	return err
}

func readInput(env Env, name string) ([]byte, error) {
	if name == "-" {
		data, err := io.ReadAll(env.Stdin)
		if err != nil {
			return nil, fmt.Errorf("read stdin: %w", err)
		}
		return data, nil
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return data, nil
}

// writeOutline prints a plan for people: metadata, then the tree.
func writeOutline(b *strings.Builder, p *plan.Plan) {
	field := func(label, v string) {
		if v == "" {
			v = "（未识别）"
		}
		fmt.Fprintf(b, "%s：%s\n", label, v)
	}
	field("标题", p.Title)
	field("文号", p.DocNumber)
	field("发文单位", p.Issuer)
	field("印发日期", string(p.Issued))
	if !p.EffectiveFrom.IsZero() || !p.EffectiveTo.IsZero() {
		from, to := string(p.EffectiveFrom), string(p.EffectiveTo)
		if from == "" {
			from = "？"
		}
		if to == "" {
			to = "？"
		}
		fmt.Fprintf(b, "有效期：%s 至 %s\n", from, to)
	}
	b.WriteString("\n")
	var walk func(ss []*plan.Section, depth int)
	walk = func(ss []*plan.Section, depth int) {
		for _, s := range ss {
			indent := strings.Repeat("  ", depth)
			switch {
			case s.ID == "0" && s.Number == "" && s.Title == "":
				fmt.Fprintf(b, "%s前言\n", indent)
			case s.Number == "":
				// A part of a task that carries a note of its own.
				fmt.Fprintf(b, "%s· %s\n", indent, s.Title)
			default:
				fmt.Fprintf(b, "%s%s %s\n", indent, s.Number, s.Title)
			}
			if len(s.LeadUnits) > 0 {
				fmt.Fprintf(b, "%s    牵头：%s\n", indent, strings.Join(s.LeadUnits, "、"))
			}
			if len(s.CoUnits) > 0 {
				fmt.Fprintf(b, "%s    配合：%s\n", indent, strings.Join(s.CoUnits, "、"))
			}
			for _, t := range s.Targets {
				fmt.Fprintf(b, "%s    目标：%s\n", indent, formatTarget(t))
			}
			for _, m := range s.Milestones {
				fmt.Fprintf(b, "%s    节点：%s%s\n", indent, m.Text, dateSuffix(m.Deadline))
			}
			walk(s.Children, depth+1)
		}
	}
	walk(p.Sections, 0)
}

// formatTarget writes "≥ 40000 个 5G基站 (2022-12-31)".
func formatTarget(t plan.Target) string {
	cmp := map[string]string{plan.GE: "≥", plan.GT: ">", plan.LE: "≤", plan.LT: "<", plan.Approx: "约"}[t.Comparator]
	if cmp == "" {
		cmp = t.Comparator
	}
	parts := []string{cmp, strconv.FormatFloat(t.Value, 'f', -1, 64)}
	if t.Unit != "" {
		parts = append(parts, t.Unit)
	}
	if t.Subject != "" {
		parts = append(parts, t.Subject)
	}
	s := strings.Join(parts, " ")
	if t.Cumulative {
		s += "（累计）"
	}
	return s + dateSuffix(t.Deadline)
}

func dateSuffix(d plan.Date) string {
	if d.IsZero() {
		return ""
	}
	return " (" + string(d) + ")"
}
