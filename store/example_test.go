package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/guarantor/guarantor/store"
)

// Every save is a new version; earlier texts stay as they were.
func ExampleStore_SaveVersion() {
	dir, _ := os.MkdirTemp("", "store-example")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "guarantor.db"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	sc, v1, _ := st.CreateScenario(ctx, "tripwire", "name: first draft\n", "")
	v2, _ := st.SaveVersion(ctx, sc.ID, "name: second draft\n", "")
	old, _ := st.GetVersion(ctx, sc.ID, v1.Version)
	latest, _ := st.GetVersion(ctx, sc.ID, 0)
	fmt.Println(v1.Version, v2.Version)
	fmt.Print(old.YAML, latest.YAML)
	// Output:
	// 1 2
	// name: first draft
	// name: second draft
}
