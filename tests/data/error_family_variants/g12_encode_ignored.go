// want: GO-ERR-UNCHECKED
package svc

func exportUsers(w io.Writer, users []User) {
	enc := json.NewEncoder(w)
	for _, u := range users {
		enc.Encode(u)
	}
}
