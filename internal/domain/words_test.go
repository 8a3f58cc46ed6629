package domain

import "testing"

func TestValidWords(t *testing.T) {
	for _, c := range []struct {
		name  string
		valid bool
		want  bool
	}{
		{"co-marketing is a partner type", PartnerType("co-marketing").Valid(), true},
		{"a type is spelled exactly", PartnerType("Co-Marketing").Valid(), false},
		{"empty is no type", PartnerType("").Valid(), false},
		{"paused is a status", PartnerStatus("paused").Valid(), true},
		{"after-hold is a pay_on", PayOn("after-hold").Valid(), true},
		{"yearly is no settle", Settle("yearly").Valid(), false},
		{"first-touch is a lead_owner", LeadOwner("first-touch").Valid(), true},
	} {
		if c.valid != c.want {
			t.Errorf("%s: Valid = %v", c.name, c.valid)
		}
	}
}

func TestPartnerIndex(t *testing.T) {
	p := &Program{Partners: []*Partner{{ID: "a"}, {ID: "b"}, {ID: "a", Name: "second a"}}}
	for _, indexed := range []bool{false, true} {
		if indexed {
			p.IndexPartners()
		}
		if x := p.Partner("a"); x == nil || x.Name != "" {
			t.Errorf("indexed=%v: Partner(a) = %+v, want the first a", indexed, x)
		}
		if p.Partner("b") == nil || p.Partner("c") != nil {
			t.Errorf("indexed=%v: b or c found wrong", indexed)
		}
	}
	p.Partners = append(p.Partners, &Partner{ID: "c"})
	if p.Partner("c") == nil {
		t.Error("a partner added after the index is not found")
	}
}
