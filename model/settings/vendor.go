package settings

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
)

// maxVendorFileSize bounds the vendor's JSON files read.
const maxVendorFileSize = 1 << 20

// vendorValues are the values sinchtop reads from one of the vendor's
// files, or from one profile of its CLI's file.
type vendorValues struct {
	ProjectID, APIURL, AuthURL, KeyID string
}

// vendorConfig is the vendor CLI's ~/.sinch/config.json, read tolerantly:
// values at the top level, and named profiles if the file has them, as an
// object of name to values or a list of values that carry a name.
type vendorConfig struct {
	top      vendorValues
	profiles map[string]vendorValues
	current  string // the profile the file marks as active, if any
}

// readJSONObject reads a JSON object from path. A missing file gives nil
// and no error.
func readJSONObject(path string) (map[string]json.RawMessage, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()

	data, err := io.ReadAll(io.LimitReader(f, maxVendorFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxVendorFileSize {
		return nil, fmt.Errorf("%s is larger than %d bytes", path, maxVendorFileSize)
	}

	object, err := decodeObject(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return object, nil
}

// decodeObject decodes a JSON object with keys normalized (see normalKey).
func decodeObject(data []byte) (map[string]json.RawMessage, error) {
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("not a JSON object: %w", jsonErrorAt(data, err))
	}

	object := make(map[string]json.RawMessage, len(raw))
	for key, value := range raw {
		object[normalKey(key)] = value
	}
	return object, nil
}

// jsonErrorAt adds the line of a JSON syntax error.
func jsonErrorAt(data []byte, err error) error {
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) && syntax.Offset <= int64(len(data)) {
		line := 1 + bytes.Count(data[:syntax.Offset], []byte("\n"))
		return fmt.Errorf("line %d: %w", line, err)
	}
	return err
}

// normalKey folds the spellings a key may have: "projectId", "project_id"
// and "ProjectID" all become "projectid".
func normalKey(key string) string {
	return strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(key))
}

// valuesOf reads the values sinchtop uses from an object.
func valuesOf(object map[string]json.RawMessage) vendorValues {
	return vendorValues{
		ProjectID: text(object, "projectid", "project"),
		APIURL:    text(object, "apiurl", "functionsapiurl", "functionsurl"),
		AuthURL:   text(object, "authurl", "tokenurl"),
		KeyID:     text(object, "keyid", "accesskeyid", "clientid"),
	}
}

// text returns the first of keys that holds a string or a number.
func text(object map[string]json.RawMessage, keys ...string) string {
	for _, key := range keys {
		raw, ok := object[key]
		if !ok {
			continue
		}
		var s string
		if json.Unmarshal(raw, &s) == nil && s != "" {
			return strings.TrimSpace(s)
		}
		var n json.Number
		if json.Unmarshal(raw, &n) == nil {
			return n.String()
		}
	}
	return ""
}

// readVendorConfig reads the vendor CLI's config file. A missing file gives
// nil and no error.
func readVendorConfig(path string) (*vendorConfig, error) {
	object, err := readJSONObject(path)
	if object == nil || err != nil {
		return nil, err
	}

	c := &vendorConfig{
		top:      valuesOf(object),
		profiles: map[string]vendorValues{},
		current: text(object, "currentprofile", "activeprofile", "defaultprofile",
			"profile", "current"),
	}
	c.readProfiles(object["profiles"])
	return c, nil
}

// readProfiles reads profiles given as {"name": {...}} or [{"name": ...}].
func (c *vendorConfig) readProfiles(raw json.RawMessage) {
	var byName map[string]json.RawMessage
	if json.Unmarshal(raw, &byName) == nil {
		for name, body := range byName {
			if object, err := decodeObject(body); err == nil {
				c.profiles[name] = valuesOf(object)
			}
		}
		return
	}

	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		return
	}
	for _, body := range list {
		object, err := decodeObject(body)
		if err != nil {
			continue
		}
		if name := text(object, "name", "profile", "id"); name != "" {
			c.profiles[name] = valuesOf(object)
		}
	}
}

// profile returns the values of the named profile, or of the file's
// active profile (then its top level) when name is empty, with a
// description of where they came from.
func (c *vendorConfig) profile(name string) (vendorValues, string, bool) {
	if name != "" {
		v, ok := c.profiles[name]
		return v, fmt.Sprintf("profile %q", name), ok
	}
	if v, ok := c.profiles[c.current]; ok && c.current != "" {
		return v, fmt.Sprintf("profile %q", c.current), true
	}
	if c.top != (vendorValues{}) {
		return c.top, "", true
	}
	v, ok := c.profiles["default"]
	return v, `profile "default"`, ok
}

// names lists the file's profiles, sorted.
func (c *vendorConfig) names() []string {
	names := make([]string, 0, len(c.profiles))
	for name := range c.profiles {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}
