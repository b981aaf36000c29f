package io.parley.identity;

/** What a request needs its caller to be allowed to do; {@link AccessRules} names it for every path. */
public enum Permission {
    /** Read plans, their revisions, scenarios, actuals, variance and overview. */
    READ_PLANS,
    /**
     * Create plans and change them: revisions, scenarios, actuals, spreadsheet links (listed too). A
     * manager changes only the plans that name it (plan/PlanEditors); an administrator any.
     */
    WRITE_PLANS,
    /** Archive a plan. */
    ARCHIVE_PLANS,
    /** Run evaluations, comparisons, what-if analyses, uncertainty runs and optimisations. */
    ANALYSE,
    /** Reference data that reveals nothing of any tenant (the list of metrics). */
    READ_REFERENCE,
    /** Create, list and revoke API keys; read the audit trail. */
    ADMINISTER
}
