"""The seeded role guide, written in our own words from the two coordinator archetype guides.

Natural keys are the slugs: `hh init` adds what is missing and never changes what exists, so an
admin's edits survive every re-seed. Each responsibility names its stage of the role's theory of
execution, the competencies it draws on (the guides' competency map, which is the same data as
their training roadmap read the other way), and where in Crosswalk the work is done (a key of
worklinks.WORK_LINKS)."""
from __future__ import annotations

COMPETENCIES = [
    {"slug": "improvement-science", "name": "Improvement Science Foundations",
     "set": "Improvement science",
     "description": "Setting an aim, choosing measures, and learning from small tests of change "
                    "(plan, do, study, act) instead of big untested launches.",
     "practical": "Runs tests of change and reads run charts inside their own team.",
     "strategic": "Gets several organizations to agree on one aim, test together and act on "
                  "what they learn."},
    {"slug": "facilitation", "name": "Facilitation and Relationship Building",
     "set": "Improvement science",
     "description": "Running meetings people want to come back to, building trust, and keeping "
                    "every voice (including people with lived experience) in the room.",
     "practical": "Leads good meetings and keeps working relationships within their agency.",
     "strategic": "Brings partners who do not share a language or a boss to shared decisions."},
    {"slug": "project-management", "name": "Project Management",
     "set": "Improvement science",
     "description": "Turning decisions into owned action items with dates, following up, and "
                    "keeping timelines and records anyone can pick up.",
     "practical": "Keeps their own team's work on track with owners and dates.",
     "strategic": "Keeps commitments moving across agencies nobody manages directly."},
    {"slug": "human-centered-design", "name": "Human-Centered Design",
     "set": "Improvement science",
     "description": "Starting from the experience of the people who use a process — clients, "
                    "front-line staff, partners — and designing with them.",
     "practical": "Asks clients and staff before changing an internal process.",
     "strategic": "Designs cross-agency processes (referrals, discharges) around the people "
                  "who move through them."},
    {"slug": "data-for-improvement", "name": "Data Analysis and Data for Improvement",
     "set": "Improvement science",
     "description": "Finding, cleaning and reading data to see whether a change is an "
                    "improvement, and showing it so others understand.",
     "practical": "Reads their own program's data and tracks a measure over time.",
     "strategic": "Combines data across systems (HMIS, health) to show population-level results."},
    {"slug": "built-for-zero", "name": "Built for Zero Methodology",
     "set": "Technical knowledge",
     "description": "The by-name list, quality data, and the habits of communities that measurably "
                    "end homelessness for a population.",
     "practical": "Keeps a quality by-name list for their own program.",
     "strategic": "Leads a community to reliable by-name data and shared reduction goals."},
    {"slug": "role-knowledge", "name": "Role-Specific Knowledge",
     "set": "Technical knowledge",
     "description": "Knowing the systems at the table: how the homeless response system, "
                    "health care, housing and funders work, their rules and their vocabulary.",
     "practical": "Knows their own sector's programs, rules and vocabulary well.",
     "strategic": "Explains each sector to the other and spots where their rules collide."},
]

ROLES = [
    {
        "slug": "system-coordinator",
        "name": "System Coordinator",
        "summary": "Keeps a community's improvement work moving: shared goals, meetings, action "
                   "items and follow-up, feedback loops and open data, so that gains last "
                   "beyond any one project or person.",
        "stages": [
            ("relationships", "Build key relationships across the community",
             "Form the core improvement team and make room for wider community input."),
            ("strategy", "Co-develop the improvement strategy",
             "Set community-wide goals and shared success measures together."),
            ("tests-of-change", "Project-manage tests of change and accountability",
             "Be the glue: meetings, timelines, action plans and follow-up on what was promised."),
            ("sustain", "Make the new norms self-sustaining",
             "Write the new ways of working into policies and backbone support, so the work "
             "continues without the coordinator."),
            ("expand", "Carry the methods to other populations",
             "Lock in gains for one population, delegate, then start again with the next."),
            ("reflection", "Throughout: regular reflection and community input",
             "Steady two-way communication, and asking whether the right people are at the "
             "table."),
        ],
        "responsibilities": [
            ("relationships", "Builds and keeps strong relationships",
             "Knows and is trusted by the people who make the system work: front-line providers, "
             "public agencies, housing providers and advisory groups of people with lived "
             "experience.", "relationships",
             ["improvement-science", "facilitation", "human-centered-design", "role-knowledge"],
             "directory"),
            ("quality-improvement", "Models continuous quality improvement",
             "Uses and teaches improvement methods — small tests of change, collective-impact "
             "habits — as the way the community gets better, not as a side project.", "sustain",
             ["improvement-science", "human-centered-design", "built-for-zero"], "tests"),
            ("feedback-loops", "Builds feedback and communication loops",
             "Sets up regular ways for the wider community to shape direction and hear about "
             "progress, with lived-experience input built into decisions.", "reflection",
             ["facilitation", "project-management", "human-centered-design"], "needs"),
            ("north-star", "Sets a shared north star and focuses effort on it",
             "Agrees community-wide goals, watches progress, and helps core teams decide which "
             "projects serve the aim and which do not.", "strategy",
             ["improvement-science", "facilitation", "project-management", "built-for-zero"],
             "north_star"),
            ("accountability", "Is the source of accountability and project management",
             "Follows up on action items, runs and schedules meetings, keeps lines of "
             "communication steady and data open to all.", "tests-of-change",
             ["facilitation", "project-management", "built-for-zero", "role-knowledge"], "items"),
            ("capacity", "Deploys capacity where it is needed",
             "Spots resources that sit unused and builds a way to move capacity to where the "
             "need is.", "tests-of-change",
             ["project-management", "human-centered-design"], "availability"),
            ("system-analysis", "Analyses the system with stakeholders",
             "Maps assets and gaps, weighs risks, and reads population-level data together with "
             "partners.", "strategy",
             ["improvement-science", "data-for-improvement"], "gaps"),
            ("provider-tests", "Supports providers in their own tests of change",
             "Helps providers set goals and run improvement projects, and stays their "
             "accountability partner.", "tests-of-change",
             ["improvement-science", "facilitation", "project-management", "role-knowledge"],
             "plans"),
            ("scale", "Scales what works to wider populations",
             "Collects evidence of what works at small scale and spreads that learning across "
             "the community.", "expand",
             ["improvement-science", "project-management", "human-centered-design",
              "data-for-improvement", "built-for-zero"], "reviews"),
            ("adjacent-systems", "Connects the community to adjacent systems",
             "Builds relationships outside the homeless response system and a shared picture of "
             "how those systems touch it.", "relationships",
             ["improvement-science", "facilitation", "role-knowledge"], "glossary"),
        ],
    },
    {
        "slug": "health-homelessness-coordinator",
        "name": "Health and Homelessness Coordinator",
        "summary": "The connective tissue between health care and the homeless response system: "
                   "teaches each side the other's language, maps both systems, builds shared aims "
                   "and runs the hand-offs between them.",
        "stages": [
            ("relationships", "Build cross-sector relationships and shared language",
             "Help each system understand the other's words, services and resources."),
            ("shared-aims", "Agree shared aims and measures",
             "A shared sense of community and measurable objectives, needed before joint "
             "projects."),
            ("hand-offs", "Run hand-offs and cross-sector projects",
             "Lead discharge hand-offs and the project management of joint work, hands-on or "
             "through liaisons."),
            ("institutionalize", "Institutionalize the work",
             "Show measurable system-level improvement and secure lasting resources and "
             "capacity."),
        ],
        "responsibilities": [
            ("relationships", "Builds relationships between health care and the CoC",
             "Teaches each partner system the other's language, programs, people and processes, "
             "so they can work together.", "relationships",
             ["facilitation", "role-knowledge"], "glossary"),
            ("our-clients", "Helps health care see itself in the response to homelessness",
             "Spreads the idea of \"our clients\" instead of \"my clients\" and \"your clients\", "
             "and frames homelessness as a community health problem.", "relationships",
             ["improvement-science", "facilitation", "role-knowledge"], "conferences"),
            ("map-resources", "Maps the resources and needs of each system",
             "Shows each system what the other offers and connects needs on one side with "
             "resources on the other.", "relationships",
             ["improvement-science", "human-centered-design", "role-knowledge"], "gaps"),
            ("shared-aims", "Develops shared aims and measures across sectors",
             "Turns shared objectives into targets both sectors work on together and track.",
             "shared-aims",
             ["improvement-science", "facilitation", "project-management", "role-knowledge"],
             "north_star"),
            ("data-transparency", "Fosters data transparency between the systems",
             "Brokers data-sharing agreements and regular check-ins between health care and the "
             "homeless response system.", "shared-aims",
             ["facilitation", "project-management", "data-for-improvement"], "agreements"),
            ("hand-offs", "Supports client hand-offs between the systems",
             "Makes hand-offs such as hospital discharge to shelter, respite or housing happen, "
             "directly or through health and homelessness liaisons.", "hand-offs",
             ["improvement-science", "facilitation", "human-centered-design", "role-knowledge"],
             "discharge"),
            ("project-management", "Project-manages cross-sector improvement",
             "Runs or supports joint efforts such as cross-sector case conferencing and "
             "streamlined discharge planning, so each side sees its part.", "hand-offs",
             ["improvement-science", "project-management", "data-for-improvement"], "items"),
            ("sustainable-capacity", "Secures lasting capacity and infrastructure",
             "Makes sure the system's operations and gains do not depend on one person.",
             "institutionalize",
             ["improvement-science", "project-management"], "handover"),
            ("evidence", "Collects evidence of what the system achieves",
             "Gathers and analyses results to show the value of cross-sector work and argue for "
             "its lasting funding.", "institutionalize",
             ["improvement-science", "data-for-improvement"], "reviews"),
        ],
    },
]
