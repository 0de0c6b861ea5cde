{
  "targets": [
    {
      "target_name": "switch_records",
      "sources": ["src/switch_records.c"],
      "cflags": ["-O2", "-Wall", "-Wextra"],
      "conditions": [["OS!='linux'", { "type": "none" }]]
    }
  ]
}
