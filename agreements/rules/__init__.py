"""The law's rules for an agreement (PP 28/2018, Permendagri 22/2020 and 25/2020, Perpres 38/2015):
who may be a party in each category, which approvals are needed and when, and the steps of the
process as a checklist — read from the records, with the rules in force (`ProcessRules`).

The lifecycle gates (agreements.services.lifecycle), the instrument services and the save of an
agreement (agreements.services.editing) ask these functions; the pages show their answers."""
