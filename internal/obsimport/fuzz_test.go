package obsimport

import (
	"errors"
	"testing"
)

// FuzzRead: outside files never panic, and a file is either wholly read
// or rejected with a located *Error.
func FuzzRead(f *testing.F) {
	f.Add([]byte(goodCSV), "a.csv")
	f.Add([]byte("target,value,unit,period_end,kind\n2.1.1-1,约3万,个,2022年12月,flow\n"), "b.csv")
	f.Add([]byte("value,unit,period_end,kind,quote\n\"1\n2\",个,2022-12-31,stock,x\n"), "c.csv")
	f.Add([]byte("PK\x03\x04garbage"), "d.xlsx")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		obs, err := Read(name, data, fixturePlan())
		var e *Error
		switch {
		case err != nil && obs != nil:
			t.Fatalf("error %v with %d observations", err, len(obs))
		case err != nil && !errors.As(err, &e):
			t.Fatalf("error %v is not a located *Error", err)
		case err == nil && len(obs) == 0:
			t.Fatal("no error and no observations")
		}
		for _, o := range obs {
			if o.PeriodEnd.IsZero() || o.Kind == "" || (o.SourceURL == "" && o.Quote == "") {
				t.Fatalf("accepted an incomplete observation %+v", o)
			}
		}
	})
}
