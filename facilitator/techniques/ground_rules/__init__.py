"""Ground-rule agreement: propose rules, check agreement rule by rule, adopt, carry forward."""
