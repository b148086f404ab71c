"""The starter glossary: terms every partner meets, in our own plain words, each with its source.

`hh init` and the demo load these (see services.load_starter). Text format, one block a term:

    @ slug | Term written out | ACRONYM
    s: sector codes (hc health care, hr homeless response, ho housing, bh behavioral health,
       fp funding and policy, dp data and privacy, im improvement methods)
    d: plain-language meaning          x: example sentence
    a: other spellings; separated      r: related slugs separated by spaces
    src: source key (see SOURCES), then optionally "; more detail"
    m.hc: / m.hr: / ...: what it means in that sector, where sectors differ
"""
from __future__ import annotations

SECTOR_CODES = {"hc": "health_care", "hr": "homeless_response", "ho": "housing",
                "bh": "behavioral_health", "fp": "funding_policy", "dp": "data_privacy",
                "im": "improvement"}

SOURCES = {
    "cect": ("Coordinated Entry Redesign: Implementing Case Conferencing (training deck), in this "
             "CoC's source documents", ""),
    "hhc": ("Community Solutions, Built for Zero: Health and Homelessness Coordinator Archetype", "https://community.solutions/"),
    "sysc": ("Community Solutions, Built for Zero: System Coordinator Archetype", "https://community.solutions/"),
    "chcs": ("Center for Health Care Strategies and California Health Care Foundation, Partnerships "
             "for Action: California Health Care & Homelessness Learning Collaborative brief", "https://www.chcs.org/"),
    "ihi": ("Institute for Healthcare Improvement, Coordination of Services for the Community for "
            "Individuals with Needs, 90-day project summary report (2017)", "https://www.ihi.org/"),
    "ihi-mfi": ("Institute for Healthcare Improvement, the Model for Improvement and PDSA cycles", "https://www.ihi.org/"),
    "hud-coc": ("HUD, Continuum of Care Program (24 CFR part 578) and HUD Exchange program pages", "https://www.hudexchange.info/programs/coc/"),
    "hud-hmis": ("HUD Exchange, Homeless Management Information System program pages and HMIS Data Standards", "https://www.hudexchange.info/programs/hmis/"),
    "hud-ce": ("HUD, Notice CPD-17-01 on coordinated entry, and HUD Exchange coordinated entry pages", "https://www.hudexchange.info/"),
    "hud-esg": ("HUD, Emergency Solutions Grants Program (24 CFR part 576)", "https://www.hudexchange.info/programs/esg/"),
    "hud-pih": ("HUD Office of Public and Indian Housing: Housing Choice Voucher, public housing and special-purpose voucher pages", "https://www.hud.gov/"),
    "hud-def": ("HUD, definitions of homelessness and chronic homelessness (24 CFR 578.3)", "https://www.hudexchange.info/"),
    "hud-spm": ("HUD Exchange, CoC System Performance Measures", "https://www.hudexchange.info/"),
    "hud-lihtc": ("HUD User, Low-Income Housing Tax Credit database; Internal Revenue Code section 42", "https://www.huduser.gov/"),
    "va": ("U.S. Department of Veterans Affairs, homeless programs", "https://www.va.gov/homeless/"),
    "usich": ("U.S. Interagency Council on Homelessness", "https://www.usich.gov/"),
    "cms": ("Centers for Medicare & Medicaid Services, Medicaid.gov", "https://www.medicaid.gov/"),
    "medicare": ("Centers for Medicare & Medicaid Services, Medicare.gov", "https://www.medicare.gov/"),
    "dhcs": ("California Department of Health Care Services, CalAIM and Medi-Cal pages", "https://www.dhcs.ca.gov/"),
    "hrsa": ("Health Resources and Services Administration, Health Center Program", "https://www.hrsa.gov/"),
    "samhsa": ("Substance Abuse and Mental Health Services Administration", "https://www.samhsa.gov/"),
    "nhchc": ("National Health Care for the Homeless Council", "https://nhchc.org/"),
    "hipaa": ("U.S. Department of Health and Human Services, HIPAA for professionals", "https://www.hhs.gov/hipaa/"),
    "ssa": ("Social Security Administration", "https://www.ssa.gov/"),
    "bfz": ("Community Solutions, Built for Zero", "https://community.solutions/"),
    "ssir": ("Kania and Kramer, \"Collective Impact\", Stanford Social Innovation Review (2011)", "https://ssir.org/"),
    "apha": ("American Public Health Association, Community Health Workers section", "https://www.apha.org/"),
    "cdc": ("Centers for Disease Control and Prevention", "https://www.cdc.gov/"),
    "ovw": ("U.S. Department of Justice, Office on Violence Against Women; HUD HMIS guidance for victim service providers", "https://www.justice.gov/ovw"),
    "hud-hdx": ("HUD Exchange, Point-in-Time and Housing Inventory Count pages", "https://www.hudexchange.info/"),
    "openref": ("Open Referral, Human Services Data Specification (HSDS)", "https://openreferral.org/"),
    "211": ("211 (United Way Worldwide and local 211 centers)", "https://www.211.org/"),
}

STARTER = r"""
@ coc | Continuum of Care | CoC
s: hr fp
d: The local or regional group that plans homeless services for an area (often several rural counties) and applies for HUD's Continuum of Care funding on its behalf. Its members include shelters, housing programs, outreach teams, local government and, more and more, health-care partners.
x: Our CoC covers six counties in two regions and meets monthly.
a: continuum; CoCs
r: hmis coordinated-entry esg hud
src: hud-coc
m.fp: Also the name of HUD's yearly competitive grant program that funds permanent housing, rapid re-housing and HMIS.

@ hmis | Homeless Management Information System | HMIS
s: hr dp
d: The shared database a CoC uses to record the people its programs serve and the help they get. HUD requires programs it funds to enter data into it, and it produces the reports HUD asks for.
x: Enter the referral in HMIS before the case conference so everyone sees the same status.
a: H.M.I.S.
r: coc by-name-list roi victim-service-provider
src: hud-hmis

@ by-name-list | By-Name List | BNL
s: hr dp
d: A list, kept up to date at least monthly, of every person or household experiencing homelessness in the community, by name, with their status and needs. Case conferences work from it so no one is lost.
x: Twelve households were added to the By-Name List this month and nine moved into housing.
a: by name list; BNL list; master list
r: case-conferencing coordinated-entry built-for-zero functional-zero
src: bfz; also cect

@ coordinated-entry | Coordinated entry | CE
s: hr ho fp
d: The one shared way people in a community get access to homeless help: they are assessed the same way wherever they ask, put in order of need, and referred to the housing or program that fits. HUD requires every CoC to run one.
x: The hospital social worker called the coordinated entry line to start the assessment.
a: coordinated assessment; CES; coordinated entry system
r: vi-spdat prioritization case-conferencing by-name-list
src: hud-ce

@ vi-spdat | Vulnerability Index – Service Prioritization Decision Assistance Tool | VI-SPDAT
s: hr dp
d: A short survey many communities have used to score how vulnerable a person experiencing homelessness is, to help decide who is offered housing first. Its score is one input, not a verdict; case conferences add what staff know. Its publisher stopped updating it in 2021 and many communities are replacing it.
x: Her VI-SPDAT score was moderate, but the team knew her health had worsened.
a: VISPDAT; vi spdat; vi-spdat; SPDAT
r: coordinated-entry prioritization assessment
src: cect; OrgCode Consulting and Community Solutions published the tool

@ psh | Permanent supportive housing | PSH
s: ho hr bh
d: A home with no time limit, paid for in part by ongoing rental help, together with voluntary support services, for people with a disability who have been homeless, often for a long time.
x: He moved into PSH last spring and meets his case manager weekly.
a: permanent supportive; supportive housing
r: housing-first chronic-homelessness rrh
src: hud-coc

@ rrh | Rapid re-housing | RRH
s: ho hr
d: Help to move quickly from homelessness into a rented home: finding a place, a deposit, rental help for a limited time (up to 24 months under HUD rules) and light case management.
x: With rapid re-housing the family signed a lease within three weeks.
a: rapid rehousing; rapid re housing
r: psh progressive-engagement diversion
src: hud-coc

@ diversion | Diversion (housing problem solving) |
s: hr
d: A conversation at the moment someone asks for shelter, to find a safe place to stay outside the shelter system, using their own ideas, family or friends, mediation and sometimes a small one-time payment.
x: Diversion helped her move in with her sister, with gas money and a grocery card.
a: housing problem solving; problem solving; shelter diversion; rapid resolution
r: progressive-engagement prevention rrh
src: usich
m.hc: Not a hospital term; a health-care "diversion" usually means sending ambulances elsewhere or keeping someone out of jail or the emergency room.

@ progressive-engagement | Progressive engagement |
s: hr
d: Start by offering the least help that could end someone's homelessness, and add more if it turns out not to be enough, instead of deciding everything at the first meeting.
x: Using progressive engagement, we began with a deposit and added rental help in month two.
a: progressive assistance
r: diversion rrh psh
src: usich

@ housing-first | Housing First |
s: ho hr bh
d: An approach that offers a permanent home as quickly as possible, without first requiring sobriety, treatment or "housing readiness"; support services are offered and voluntary.
x: Because the program follows Housing First, his drinking did not stop him from getting keys.
a: housing-first
r: psh harm-reduction
src: usich

@ chronic-homelessness | Chronic homelessness |
s: hr fp hc
d: In homeless services, a federal definition: a person with a disabling condition who has been homeless for at least 12 months in a row, or on at least four occasions in three years adding up to 12 months. It decides eligibility for much permanent supportive housing.
x: We need the disability letter to document his chronic homelessness.
a: chronically homeless; chronic homeless
r: psh disability-verification length-of-time-homeless
src: hud-def
m.hc: "Chronic" means a long-lasting illness, such as diabetes or heart failure; it says nothing about homelessness.
m.hr: Homeless a long time (12 months or more, as defined by HUD) with a disabling condition.

@ pleh | People with lived experience of homelessness | PLEH
s: hr im
d: People who have been homeless themselves. Their advice, paid and at the decision table, helps a system work for the people it serves.
x: The PLEH advisory group reviewed the new intake form.
a: lived experience; people with lived expertise; PWLE
r: collective-impact
src: sysc

@ roi | Release of information | ROI
s: dp hr hc
d: A form a person signs to let one organization share specific information about them with named others, for a stated purpose and time.
x: Do we have an ROI on file before we discuss her at case conferencing?
a: release; consent to share; authorization
r: hipaa mou consent-42-cfr-part-2
src: hipaa
m.fp: ROI usually means "return on investment": what a program saves or earns compared with what it costs.

@ mou | Memorandum of understanding | MOU
s: fp dp
d: A written agreement between organizations saying what each will do, for example share data or accept referrals. It is usually not a contract for money.
x: The hospital and the CoC signed an MOU to share discharge referrals.
a: memorandum of agreement; MOA; data sharing agreement
r: roi baa
src: chcs

@ cie | Community information exchange | CIE
s: dp hc hr
d: A shared network and system that lets health-care and social-service partners send each other referrals and see whether help was received, with the person's consent.
x: The clinic sent the food referral through the CIE and saw it was accepted the same day.
a: community information exchange network
r: closed-loop-referral 211 hie
src: chcs

@ ecm | Enhanced Care Management | ECM
s: hc fp
d: A Medi-Cal benefit in California, part of CalAIM, that gives people with the most complex needs (including people experiencing homelessness) one lead care manager who coordinates all of their health and social care, often in person where they are.
x: The ECM care manager met him at the shelter to plan his follow-up visits.
a: enhanced care mgmt
r: calaim community-supports mcp care-management
src: dhcs

@ community-supports | Community Supports |
s: hc fp ho
d: Services California's Medi-Cal managed-care plans can choose to pay for instead of costlier care, such as housing navigation, housing deposits, tenancy support, recuperative care and short-term housing after a hospital stay.
x: Her plan covers housing deposits as a Community Support.
a: community support; ILOS; in lieu of services
r: calaim ecm medical-respite
src: dhcs

@ calaim | California Advancing and Innovating Medi-Cal | CalAIM
s: hc fp
d: California's multi-year effort, started in 2022, to change how Medi-Cal works, adding Enhanced Care Management and Community Supports and connecting health care with housing and social services.
x: CalAIM made it possible for the health plan to pay for housing navigation.
a: Cal AIM; cal-aim
r: ecm community-supports medi-cal
src: dhcs; also chcs

@ medicaid | Medicaid |
s: hc fp
d: Public health insurance for people with low incomes, paid for jointly by the federal government and each state and run by the state, often through managed-care plans.
x: Most of the people on our list qualify for Medicaid.
a: medicaid program
r: medi-cal mcp medicare
src: cms

@ medi-cal | Medi-Cal |
s: hc fp
d: California's name for its Medicaid program.
x: Check his Medi-Cal plan before the referral to recuperative care.
a: MediCal; Medi Cal
r: medicaid calaim
src: dhcs

@ mcp | Managed-care plan | MCP
s: hc fp
d: A health plan paid by the state to provide Medicaid benefits to its members through a network of doctors, clinics and hospitals. In California, Medi-Cal members choose or are assigned one.
x: Call the MCP to find out who the ECM provider is.
a: managed care plan; health plan; MCO; managed care organization
r: medicaid ecm
src: cms

@ fqhc | Federally Qualified Health Center | FQHC
s: hc
d: A community clinic that receives federal Health Center Program funding (or meets its rules), serves everyone whatever they can pay, and charges on a sliding scale. Some are funded specifically to serve people experiencing homelessness.
x: The FQHC runs a weekly clinic at the shelter.
a: community health center; health center; FQHC look-alike
r: health-care-for-the-homeless street-medicine
src: hrsa

@ mat | Medications for addiction treatment | MAT
s: bh hc
d: Medicines such as buprenorphine, methadone or naltrexone used, with counseling and support, to treat opioid or alcohol use disorder. Many now say MOUD (medications for opioid use disorder).
x: Street medicine can start MAT the same day someone asks.
a: MOUD; medication-assisted treatment; medications for opioid use disorder
r: harm-reduction sud
src: samhsa; also chcs

@ harm-reduction | Harm reduction |
s: bh hc hr
d: Practical ways to reduce the harm of drug use and other risks without requiring people to stop first, such as naloxone, safer-use supplies and non-judgmental care.
x: The shelter keeps naloxone at the desk as part of its harm reduction practice.
a: harm-reduction
r: mat naloxone housing-first
src: samhsa

@ medical-respite | Medical respite (recuperative care) |
s: hc hr
d: Short-term housing with medical oversight for people experiencing homelessness who are too sick or frail to recover on the street or in a shelter but do not need to stay in hospital.
x: After surgery she went to medical respite for three weeks instead of back to her car.
a: medical respite; recuperative care; respite care; medical respite care
r: discharge-planning community-supports
src: nhchc
m.hc: "Respite" can also mean short-term relief care that gives a family caregiver a break.
m.bh: A "crisis respite" is a short, calm stay for someone in a mental-health crisis.

@ street-medicine | Street medicine |
s: hc hr
d: Health care brought directly to people living outside, by teams that walk to camps, cars and riverbanks, instead of waiting for people to come to a clinic.
x: The street medicine team treats wounds and refills prescriptions at the river camp.
a: street outreach medicine
r: outreach fqhc
src: chcs

@ lihtc | Low-Income Housing Tax Credit | LIHTC
s: ho fp
d: A federal tax credit that pays for building or renovating rental housing that must stay affordable to lower-income households for many years. It is the largest source of new affordable rental housing in the US.
x: The new LIHTC building sets aside ten units for people leaving homelessness.
a: tax credit housing; low income housing tax credit; LITHC
r: affordable-housing pha
src: hud-lihtc

@ ehv | Emergency Housing Voucher | EHV
s: ho fp hr
d: Federal rental vouchers funded in 2021 by the American Rescue Plan for people experiencing or at risk of homelessness, given out by housing authorities working with the CoC through coordinated entry.
x: The PHA accepted six EHV referrals from coordinated entry.
a: emergency housing vouchers
r: hcv pha coordinated-entry
src: hud-pih

@ hcv | Housing Choice Voucher | HCV
s: ho fp
d: Federal rental help, often called Section 8, that lets a household rent a home from a private landlord; the household usually pays about 30% of its income and the voucher pays the rest up to a limit.
x: She finally reached the top of the HCV waiting list.
a: Section 8; section eight; voucher; housing voucher
r: pha ehv vash
src: hud-pih

@ pha | Public housing agency | PHA
s: ho fp
d: The local public agency, often called the housing authority, that runs public housing and rental vouchers for its area.
x: Ask the PHA whether it has a homeless preference on its waiting list.
a: housing authority; public housing authority
r: hcv ehv vash
src: hud-pih

@ vash | HUD-Veterans Affairs Supportive Housing | HUD-VASH
s: ho hr fp
d: Rental vouchers for veterans experiencing homelessness, run by housing authorities, paired with case management from the VA.
x: The VA case manager helped him use his VASH voucher.
a: VASH; HUD VASH
r: ssvf hcv va
src: va; also hud-pih

@ ssvf | Supportive Services for Veteran Families | SSVF
s: hr ho fp
d: VA grants to local organizations that help very low-income veteran families keep their housing or quickly get back into housing, including short-term rental help.
x: SSVF paid the deposit and two months of rent.
a: SSVF program
r: vash rrh va
src: va

@ esg | Emergency Solutions Grants | ESG
s: hr fp
d: Federal money from HUD, given to states, cities and counties, for street outreach, emergency shelter, homelessness prevention, rapid re-housing and HMIS.
x: The shelter's night staff are paid with ESG funds.
a: ESG program; emergency solutions grant
r: coc rrh prevention
src: hud-esg

@ victim-service-provider | Victim service provider | VSP
s: hr dp
d: An organization whose main purpose is to serve survivors of domestic violence, dating violence, sexual assault or stalking. To protect survivors' safety, federal law bars them from entering identifying information into HMIS; they keep their own comparable database.
x: The VSP refers to coordinated entry without sharing the survivor's name.
a: victim services provider; domestic violence provider; DV provider
r: hmis comparable-database vawa
src: ovw

@ case-conferencing | Case conferencing |
s: hr
d: A regular meeting (often weekly) where providers go through the By-Name List together, household by household: what happened since last time, the system barrier in the way, this week's action step, who does it, and by when.
x: At case conferencing we agreed the outreach worker would get her ID by Friday.
a: case conference; case-conferencing; case conferences
r: by-name-list system-barrier anchor-agency
src: cect
m.hc: In health care a "case conference" is usually a meeting of one patient's care team about that patient's treatment.

@ anchor-agency | Anchor agency |
s: hr
d: A strong coordinated entry provider that leads case conferencing for its region: it convenes the partners, records action items, sets rehousing goals and helps new partners learn the system.
x: The anchor agency for the north region sends the agenda every Monday.
a: anchor; lead agency
r: case-conferencing takedown-target
src: cect

@ takedown-target | Takedown target |
s: hr im
d: A short-term rehousing goal a case-conferencing group sets for itself, such as housing the 15 longest-homeless people on the list in 100 days.
x: Our takedown target this quarter is everyone chronically homeless over age 60.
a: take-down target; rehousing goal
r: case-conferencing by-name-list smart-goal
src: cect

@ built-for-zero | Built for Zero | BfZ
s: hr im
d: A movement led by the nonprofit Community Solutions in which more than 100 US communities use real-time by-name data and improvement methods to measurably end homelessness, one population at a time.
x: Our CoC joined Built for Zero to reach functional zero for veterans.
a: built for zero; BFZ
r: functional-zero by-name-list
src: bfz

@ collective-impact | Collective impact |
s: im
d: A way of working on a big social problem in which organizations from different sectors agree on a common goal, shared measures and mutually supporting activities, keep talking, and are backed by a "backbone" team.
x: The health and housing table uses collective impact: one aim, one dashboard.
a: collective-impact
r: backbone-organization shared-aim
src: ssir

@ pdsa | Plan-Do-Study-Act cycle | PDSA
s: im
d: A small, quick test of a change: plan it and predict what will happen, try it, study what happened, then act (adopt, adapt or drop it) before the next cycle.
x: Our first PDSA tested a discharge checklist with one hospital for two weeks.
a: PDSA cycle; plan do study act; PDCA
r: model-for-improvement smart-goal
src: ihi-mfi

@ smart-goal | SMART goal |
s: im
d: A goal that is Specific, Measurable, Achievable, Relevant and Time-bound, so anyone can tell whether it was met.
x: "House 20 veterans by June 30" is a SMART goal; "help veterans" is not.
a: SMART; SMART goals; smart objective
r: pdsa takedown-target
src: ihi-mfi

@ integrator | Integrator |
s: im hc hr
d: The organization or coalition that acts as the hub for coordinating services across a community: it links the different services, keeps shared data and makes sure referrals are followed through.
x: The CoC agreed to act as integrator for the health and housing partnership.
a: integrator organization; backbone
r: collective-impact closed-loop-referral
src: ihi
m.hc: Health systems also use "integrator" for an organization accountable for a population's health and costs.

@ navigator | Navigator |
s: hc hr ho
d: A person who guides someone through a complicated system, step by step, until they get what they need.
x: The housing navigator took him to view three apartments.
a: housing navigator; patient navigator; navigation
r: community-health-worker warm-hand-off
src: chcs
m.hc: A patient navigator helps people through appointments, insurance and treatment.
m.ho: A housing navigator helps people gather documents, search for a unit and sign a lease.

@ community-health-worker | Community health worker | CHW
s: hc
d: A trusted member of the community, often with shared life experience, who is trained to link people with health and social services and help them stay healthy.
x: The CHW visits the encampment each week to check on blood pressure and appointments.
a: promotor; promotora; health worker; CHWs
r: navigator peer-support
src: apha

@ warm-hand-off | Warm hand-off |
s: hc hr bh
d: Passing someone from one helper to another in person or on a joint call, with an introduction, rather than just giving them a phone number.
x: The nurse made a warm hand-off to the shelter case manager before discharge.
a: warm handoff; warm handover; warm transfer
r: discharge-planning closed-loop-referral
src: hhc

@ discharge-planning | Discharge planning |
s: hc hr
d: In a hospital, getting ready for a patient to leave: where they will go, what care and medicine they need, and who follows up. For people experiencing homelessness, it should include where they will sleep.
x: Discharge planning started on day one so respite had a bed ready.
a: discharge plan; discharge coordination
r: medical-respite warm-hand-off discharge
src: hhc; also cms
m.hc: Discharge means leaving the hospital, with a plan for the next place of care.
m.hr: Discharge can mean a person leaving (or being exited from) a shelter or housing program.

@ length-of-time-homeless | Length of time homeless | LOT
s: hr im
d: How long people stay homeless, measured from when they first enter the homeless system to when they move into housing. HUD tracks it as one of the CoC system performance measures; shorter is better.
x: Case conferencing aims to reduce length of time homeless.
a: LOTH; length of time; time homeless
r: system-performance-measures by-name-list
src: hud-spm; also cect

@ case-management | Case management |
s: hc hr bh
d: Ongoing help from one worker who assesses a person's needs, makes a plan with them, links them with services and follows up.
x: Case management continues after move-in to help keep the home.
a: case manager; care management
r: care-management ecm
src: chcs
m.hc: Often means utilization or care management: managing a patient's treatment, hospital stay and costs.
m.hr: A case manager helps a household get documents, income and housing, and keep the home.

@ care-management | Care management |
s: hc
d: A health-care team's work to coordinate a person's care across doctors, medicines and services, especially for people with serious or many health conditions.
x: The plan's care management team called after his ER visit.
a: care coordination; care manager
r: case-management ecm
src: cms

@ assessment | Assessment |
s: hc hr bh
d: A structured conversation or tool used to understand a person's situation and needs before deciding what help to offer.
x: The coordinated entry assessment takes about 30 minutes.
a: assess; assessments
r: coordinated-entry vi-spdat
src: hud-ce
m.hc: A clinical assessment by a nurse or doctor of a person's health.
m.hr: The coordinated entry assessment that helps decide housing priority.
m.bh: A mental-health or substance-use assessment that leads to a diagnosis and treatment plan.

@ discharge | Discharge |
s: hc hr
d: Leaving a hospital, clinic program, jail or housing program, with (ideally) a plan for what comes next.
x: Please call us before discharge, not after.
a: discharged; exit
r: discharge-planning
src: hhc
m.hc: The end of a hospital stay or treatment episode.
m.hr: An exit from a program, sometimes because of a rule broken (also "program exit").

@ housing | Housing |
s: ho hr hc
d: A place a person can live with their own key and tenant rights. Different sectors draw the line in different places.
x: Is a room in a sober living home "housing" for this report?
a: housed; permanent housing
r: psh rrh permanent-housing
src: hud-def
m.hc: Health-care forms may count any address, including a shelter, as "housed".
m.hr: Usually only permanent housing ends homelessness; shelter and transitional housing do not.

@ respite | Respite |
s: hc bh hr
d: A short break or short stay meant to help someone recover or rest.
x: He needs respite after his chemotherapy; a shelter bed will not do.
a: respite bed
r: medical-respite
src: nhchc
m.hc: Medical respite: recovery care for people experiencing homelessness after illness or surgery.
m.bh: Crisis respite: a short, calm stay to avoid a mental-health crisis.
m.hr: Sometimes a short break from outdoor living in a warming or cooling center.

@ chronic | Chronic |
s: hc hr
d: Long-lasting. Each sector applies it to different things.
x: "Chronic" on the hospital form and "chronic" on the CE form do not mean the same.
a: chronically
r: chronic-homelessness
src: hud-def
m.hc: A long-lasting health condition (diabetes, COPD, heart failure).
m.hr: Chronic homelessness: long-term homelessness with a disabling condition, as HUD defines it.

@ hud | U.S. Department of Housing and Urban Development | HUD
s: ho fp hr
d: The federal department that funds most homeless and housing programs, including the Continuum of Care, Emergency Solutions Grants and housing vouchers.
x: HUD's yearly competition funds most of our PSH.
a: housing and urban development
r: coc esg pha
src: hud-coc

@ usich | U.S. Interagency Council on Homelessness | USICH
s: fp hr
d: The federal council that coordinates the homelessness work of many federal agencies and publishes the national plan to prevent and end homelessness.
x: USICH publishes guidance on Housing First.
a: interagency council
r: hud
src: usich

@ va | U.S. Department of Veterans Affairs | VA
s: hc hr fp
d: The federal department that provides health care and benefits to veterans and runs programs for veterans experiencing homelessness.
x: The VA clinic in town can check whether he is eligible for VA health care.
a: veterans affairs; Veterans Administration
r: vash ssvf gpd
src: va

@ gpd | Grant and Per Diem program | GPD
s: hr fp
d: A VA program that pays community organizations for transitional housing and services for veterans experiencing homelessness.
x: He is staying in a GPD bed while he waits for his VASH voucher.
a: grant and per diem
r: va transitional-housing
src: va

@ samhsa | Substance Abuse and Mental Health Services Administration | SAMHSA
s: bh fp
d: The federal agency that funds and guides mental-health and substance-use services, including the PATH program for people experiencing homelessness.
x: The clinic's peer program is funded by a SAMHSA grant.
a: samhsa
r: path mat
src: samhsa

@ path | Projects for Assistance in Transition from Homelessness | PATH
s: bh hr
d: A federal program funded through SAMHSA that pays for outreach and services for people with serious mental illness who are experiencing homelessness.
x: The PATH outreach worker connected her to a psychiatrist.
a: PATH program
r: outreach samhsa
src: samhsa

@ hipaa | Health Insurance Portability and Accountability Act | HIPAA
s: dp hc
d: The federal law whose privacy rule limits how health-care providers and health plans may use and share people's health information, and gives people rights over it.
x: HIPAA allows sharing for treatment, but we still ask for an ROI.
a: HIPPA; HIPAA privacy rule
r: roi phi baa
src: hipaa

@ phi | Protected health information | PHI
s: dp hc
d: Health information that identifies a person and is held by a health-care provider, health plan or their contractors; HIPAA protects it.
x: Do not put PHI in the meeting chat.
a: protected health info
r: hipaa pii
src: hipaa

@ pii | Personally identifiable information | PII
s: dp
d: Any information that can identify a person, alone or combined with other details: name, date of birth, Social Security number, address, photo.
x: The export leaves out PII for anyone without a client-data role.
a: personal information; personal data
r: phi hmis
src: hud-hmis

@ baa | Business associate agreement | BAA
s: dp hc
d: A contract HIPAA requires when a health-care organization lets another organization handle protected health information on its behalf.
x: The data vendor signed a BAA with the clinic.
a: business associate
r: hipaa mou
src: hipaa

@ consent-42-cfr-part-2 | Confidentiality of substance use disorder records (42 CFR Part 2) |
s: dp bh
d: Federal rules that add extra protection to records from federally assisted substance-use treatment programs; sharing them usually needs the person's specific written consent.
x: The treatment program cannot share his records at case conferencing without a Part 2 consent.
a: 42 CFR Part 2; Part 2 consent
r: roi hipaa
src: samhsa

@ hie | Health information exchange | HIE
s: dp hc
d: A system or organization that lets hospitals, clinics and others securely share patients' medical records electronically.
x: The ER saw her clinic notes through the HIE.
a: health information exchange
r: cie
src: hipaa

@ closed-loop-referral | Closed-loop referral |
s: hc hr dp
d: A referral that is tracked until the sender learns what happened: accepted, person seen, or not connected, and why.
x: The closed-loop referral showed the respite program accepted him on Tuesday.
a: closed loop referral; closed loop
r: cie warm-hand-off
src: ihi; also chcs

@ prioritization | Prioritization |
s: hr ho
d: Deciding, using written and fair rules, which households are offered scarce housing first, usually those with the greatest need or vulnerability.
x: Our prioritization puts people with the longest time homeless and serious illness first.
a: prioritisation; priority list
r: coordinated-entry vi-spdat by-name-list
src: hud-ce

@ system-barrier | System barrier |
s: hr im
d: Something in how services work, not in the person, that stands in the way of their housing: a missing ID office, a landlord rule, a waiting list, a form no one can fill in.
x: The system barrier this week is that the ID office is only open on Tuesdays.
a: barrier; systems barrier
r: case-conferencing
src: cect

@ functional-zero | Functional zero |
s: hr im
d: The point at which homelessness in a community (or for a group, such as veterans) is rare and brief: fewer people are homeless than the community routinely houses in a month, as measured with by-name data.
x: The county reached functional zero for veteran homelessness last year.
a: functional zero milestone
r: built-for-zero by-name-list
src: bfz

@ pit-count | Point-in-Time count | PIT
s: hr fp dp
d: A count of people experiencing sheltered and unsheltered homelessness on a single night in January, which HUD requires CoCs to carry out (unsheltered at least every other year).
x: Volunteers for the PIT count meet at 5 a.m.
a: PIT count; point in time count; homeless count
r: hic coc
src: hud-hdx

@ hic | Housing Inventory Count | HIC
s: hr ho dp
d: A yearly count of the beds and units in a CoC's shelters and housing programs on the same night as the PIT count.
x: The HIC shows we have 40 PSH units and 120 shelter beds.
a: housing inventory
r: pit-count
src: hud-hdx

@ system-performance-measures | System performance measures | SPM
s: hr im dp
d: Measures HUD asks each CoC to report on how its whole system works, such as length of time homeless, returns to homelessness and first-time homelessness.
x: Our returns to homelessness improved on this year's SPMs.
a: SPMs; performance measures
r: length-of-time-homeless returns-to-homelessness
src: hud-spm

@ returns-to-homelessness | Returns to homelessness |
s: hr im
d: The share of people who moved out of homelessness into housing and then became homeless again within a set period (HUD looks at 6, 12 and 24 months).
x: Tenancy support keeps returns to homelessness low.
a: recidivism; returns
r: system-performance-measures
src: hud-spm

@ literally-homeless | Literally homeless (Category 1) |
s: hr fp
d: HUD's first category of homelessness: living in a place not meant for people to live (street, car, camp), in an emergency shelter, or leaving an institution after a short stay and homeless before it.
x: Sleeping in his truck makes him literally homeless.
a: literally homeless; category 1; literal homelessness
r: chronic-homelessness at-risk-of-homelessness
src: hud-def

@ at-risk-of-homelessness | At risk of homelessness |
s: hr fp
d: HUD's term for households with very low income, not enough resources or support to avoid homelessness, and a sign of risk such as an eviction notice or doubling up.
x: The prevention program serves families at risk of homelessness.
a: at-risk; risk of homelessness
r: prevention
src: hud-def

@ prevention | Homelessness prevention |
s: hr ho
d: Help that keeps people in their current home or moves them to another before they become homeless: back rent, mediation with a landlord, legal help.
x: Prevention funds paid two months of back rent and stopped the eviction.
a: prevention; eviction prevention
r: diversion at-risk-of-homelessness
src: hud-esg

@ emergency-shelter | Emergency shelter | ES
s: hr
d: A place to sleep for people experiencing homelessness, for a short time, without a lease. Some are open only at night, some all day; some are congregate, some non-congregate (rooms).
x: The emergency shelter has 30 beds and a waiting list.
a: shelter; homeless shelter; night shelter
r: transitional-housing low-barrier-shelter
src: hud-esg

@ low-barrier-shelter | Low-barrier shelter |
s: hr
d: A shelter with as few entry rules as possible (no sobriety test, ID or background check required, partners and pets welcome) so people who avoid other shelters will come in.
x: The low-barrier shelter lets couples stay together.
a: low barrier; low-barrier
r: emergency-shelter housing-first
src: usich

@ transitional-housing | Transitional housing | TH
s: hr ho
d: Temporary housing with services, usually for up to 24 months, meant to help people move to permanent housing.
x: She is in transitional housing for young adults while she finishes school.
a: transitional; bridge housing
r: emergency-shelter rrh
src: hud-coc

@ permanent-housing | Permanent housing | PH
s: ho hr
d: Housing with no time limit where the person is a tenant, such as an apartment with a lease, permanent supportive housing or a home with family intended to last.
x: Moving into permanent housing removes him from the By-Name List.
a: permanent housing destination
r: psh rrh housing
src: hud-coc

@ outreach | Street outreach |
s: hr hc bh
d: Going to where people experiencing homelessness are (camps, cars, streets) to build trust, meet urgent needs and connect them with shelter, housing and care.
x: Outreach found him behind the grain elevator and brought a sleeping bag.
a: outreach; street outreach team
r: street-medicine path
src: hud-esg

@ housing-navigation | Housing navigation |
s: ho hr hc
d: Hands-on help finding and getting into a home: getting documents ready, searching for units, talking with landlords and applying.
x: Housing navigation is a Community Support under her health plan.
a: housing navigator
r: navigator community-supports rrh
src: dhcs

@ tenancy-sustaining-services | Tenancy sustaining services |
s: ho hc
d: Support after move-in that helps a person keep their home: budgeting, getting along with the landlord and neighbors, fixing problems early.
x: Tenancy sustaining services helped settle the dispute before it became an eviction.
a: tenancy support; housing tenancy and sustaining services
r: community-supports psh
src: dhcs

@ move-in | Move-in |
s: ho hr
d: The day a household gets keys and moves into its housing; the milestone case conferencing plans toward.
x: Target move-in date: March 15.
a: move in; housed date; move-in date
r: by-name-list case-conferencing
src: cect

@ document-readiness | Document readiness |
s: hr ho
d: Having the papers housing programs ask for (photo ID, Social Security card, birth certificate, proof of income, disability letter) ready before a housing offer comes.
x: Document readiness is why we keep copies of IDs in a locked file.
a: document ready; doc ready
r: move-in disability-verification
src: cect

@ disability-verification | Disability verification |
s: hr hc
d: A signed statement from a qualified professional that a person has a disabling condition, needed for many permanent supportive housing programs.
x: The clinic nurse practitioner completed his disability verification.
a: disability letter; verification of disability
r: chronic-homelessness psh
src: hud-def

@ homeless-verification | Homelessness verification |
s: hr
d: Proof of where and how long someone has been homeless, from HMIS records, an outreach worker's note or the person's own statement, needed for some housing programs.
x: Outreach wrote a homelessness verification covering last winter.
a: homeless certification; third-party verification
r: chronic-homelessness hmis
src: hud-def

@ landlord-engagement | Landlord engagement |
s: ho hr
d: Work to find and keep landlords willing to rent to people leaving homelessness, often with incentives, a risk fund and a contact to call when problems arise.
x: Landlord engagement added eight new units this quarter.
a: landlord liaison; landlord recruitment
r: rrh housing-navigation
src: usich

@ fair-market-rent | Fair Market Rent | FMR
s: ho fp
d: The rent level HUD sets each year for each area, used to set the most a voucher or program will pay.
x: The apartment is $50 over Fair Market Rent.
a: fair market rents; payment standard
r: hcv
src: hud-pih

@ area-median-income | Area median income | AMI
s: ho fp
d: The middle household income in an area, set each year by HUD; affordable-housing programs limit who may rent by a share of it (for example 30% or 50% AMI).
x: The units are for households at or below 30% AMI.
a: median income; income limits
r: lihtc affordable-housing
src: hud-lihtc

@ affordable-housing | Affordable housing |
s: ho fp
d: Housing whose rent is limited so that lower-income households can pay it, usually meaning rent and utilities of no more than 30% of income.
x: There is a two-year wait for affordable housing in the county.
a: affordable housing units
r: lihtc area-median-income
src: hud-lihtc

@ public-housing | Public housing |
s: ho fp
d: Rental homes owned and run by a public housing agency, with rent based on the household's income.
x: Public housing has a homeless preference this year.
a: public housing units
r: pha hcv
src: hud-pih

@ project-based-voucher | Project-based voucher | PBV
s: ho fp
d: A housing voucher attached to a particular building or unit rather than to the tenant; the help stays with the unit when the tenant moves.
x: Ten PBVs in the new building are set aside for PSH.
a: project based voucher; PBVs; project-based
r: hcv psh
src: hud-pih

@ moving-on | Moving On |
s: ho hr
d: Helping people who are stable in permanent supportive housing, and no longer need its services, move to other affordable housing, freeing their PSH unit for someone else.
x: Moving On vouchers let three tenants leave PSH for regular housing.
a: move on; move-up
r: psh hcv
src: usich

@ hmis-lead | HMIS lead |
s: hr dp
d: The organization a CoC chooses to run its HMIS: keep the software, train users, check data quality and make reports.
x: Ask the HMIS lead for a user account.
a: HMIS administrator; HMIS admin
r: hmis coc
src: hud-hmis

@ comparable-database | Comparable database |
s: dp hr
d: A separate database victim service providers use instead of HMIS, so survivors' information stays private while the reports HUD asks for can still be made.
x: The DV shelter reports from its comparable database.
a: comparable db
r: victim-service-provider hmis
src: ovw

@ vawa | Violence Against Women Act | VAWA
s: dp fp ho
d: A federal law that funds services for survivors of domestic violence, dating violence, sexual assault and stalking and protects their housing rights and privacy.
x: Under VAWA she cannot be evicted because of the abuse she suffered.
a: violence against women act
r: victim-service-provider
src: ovw

@ data-quality | Data quality |
s: dp im
d: How complete, correct and timely the records are. Poor data quality makes a By-Name List or report misleading.
x: Data quality on exits is 92% this month.
a: data completeness
r: hmis by-name-list
src: hud-hmis

@ de-identified-data | De-identified data |
s: dp
d: Data with names and other details that could identify a person removed, so it can be shared for reports and planning.
x: The dashboard only uses de-identified data.
a: deidentified; anonymized data; aggregate data
r: pii phi
src: hipaa

@ ed | Emergency department | ED
s: hc
d: The hospital unit that treats urgent and emergency problems at any hour; many people experiencing homelessness use it for care they cannot get elsewhere.
x: He went to the ED four times last month.
a: ER; emergency room
r: high-utilizer discharge-planning
src: cms

@ high-utilizer | High utilizer |
s: hc hr fp
d: A person who uses costly crisis services (emergency room, hospital, jail, detox) many times; housing and care coordination often help them and reduce costs.
x: Half of the county's high utilizers are homeless.
a: frequent user; super-utilizer; frequent flyer
r: ed ecm
src: chcs

@ primary-care | Primary care |
s: hc
d: Everyday health care from a regular clinician or clinic: check-ups, ongoing conditions, first contact for new problems.
x: She has not seen primary care in three years.
a: PCP; primary care provider
r: fqhc
src: hrsa

@ behavioral-health | Behavioral health | BH
s: bh hc
d: Mental health and substance use together: the conditions, and the services that treat them.
x: The behavioral health team comes to the shelter on Thursdays.
a: behavioural health; mental health and substance use
r: smi sud
src: samhsa

@ smi | Serious mental illness | SMI
s: bh
d: A mental illness, such as schizophrenia, bipolar disorder or severe depression, that seriously limits a person's daily life.
x: The PSH program is for adults with SMI.
a: serious and persistent mental illness; SPMI
r: behavioral-health path
src: samhsa

@ sud | Substance use disorder | SUD
s: bh hc
d: A health condition in which use of alcohol or drugs causes problems with health, work or relationships and is hard to stop.
x: She wants SUD treatment but not a residential program.
a: addiction; substance abuse
r: mat harm-reduction
src: samhsa

@ co-occurring | Co-occurring disorders |
s: bh
d: Having a mental illness and a substance use disorder at the same time; they are best treated together.
x: He needs a program that treats co-occurring disorders.
a: dual diagnosis
r: smi sud
src: samhsa

@ naloxone | Naloxone |
s: bh hc
d: A medicine, usually a nasal spray (Narcan is a brand), that can reverse an opioid overdose within minutes.
x: Every outreach worker carries naloxone.
a: Narcan; narcan
r: harm-reduction
src: samhsa

@ crisis-stabilization | Crisis stabilization |
s: bh
d: Short-term care, often in a small unit open around the clock, that helps a person through a mental-health or substance-use crisis without a hospital stay.
x: Instead of jail, police took him to crisis stabilization.
a: crisis stabilization unit
r: mobile-crisis 988
src: samhsa

@ mobile-crisis | Mobile crisis team |
s: bh
d: Mental-health workers who go to where a person in crisis is, day or night, to calm the situation and connect them to care.
x: Call the mobile crisis team rather than the police.
a: mobile crisis; crisis team
r: crisis-stabilization 988
src: samhsa

@ 988 | 988 Suicide & Crisis Lifeline | 988
s: bh
d: The national three-digit phone, text and chat line for anyone in a mental-health, substance-use or suicidal crisis.
x: Put the 988 number on the shelter's notice board.
a: 988 lifeline; crisis line
r: mobile-crisis
src: samhsa

@ peer-support | Peer support |
s: bh hr
d: Help from a trained person who has been through similar experiences (homelessness, addiction, mental illness) and uses that to build trust and hope.
x: The peer support specialist went with her to the first appointment.
a: peer specialist; peer navigator; peers
r: community-health-worker pleh
src: samhsa

@ trauma-informed-care | Trauma-informed care |
s: bh hc hr
d: Working in a way that recognizes how common trauma is, avoids causing more of it, and gives people safety, choice and control.
x: Trauma-informed care means we explain every step and ask before we touch.
a: trauma informed
r: harm-reduction
src: samhsa

@ motivational-interviewing | Motivational interviewing |
s: bh hc
d: A way of talking with people that helps them find their own reasons to change, instead of telling them what to do.
x: Outreach staff are trained in motivational interviewing.
a: motivational interview; MI
r: harm-reduction
src: samhsa

@ health-care-for-the-homeless | Health Care for the Homeless | HCH
s: hc
d: Federally funded health centers (and their programs) that serve people experiencing homelessness, often with outreach, street medicine and respite care.
x: The HCH clinic sees walk-ins every morning.
a: HCH program; health care for homeless
r: fqhc street-medicine
src: hrsa; also nhchc

@ medicare | Medicare |
s: hc fp
d: Federal health insurance for people 65 and older and for some younger people with disabilities.
x: At 65 he gets Medicare as well as Medicaid.
a: medicare program
r: medicaid dual-eligible
src: medicare

@ dual-eligible | Dual eligible |
s: hc fp
d: A person who has both Medicare and Medicaid.
x: As a dual eligible, her plan covers both hospital and long-term care costs.
a: duals; dual-eligible; dually eligible
r: medicare medicaid
src: cms

@ ssi | Supplemental Security Income | SSI
s: fp hc
d: Monthly federal cash payments for people with very low income who are 65 or older, blind or disabled; in many states it comes with Medicaid.
x: With SSI he has steady income to pay his share of rent.
a: supplemental security income
r: ssdi soar
src: ssa

@ ssdi | Social Security Disability Insurance | SSDI
s: fp
d: Monthly payments to people who cannot work because of a disability and have paid enough into Social Security through past work.
x: Her SSDI application is pending.
a: social security disability; disability benefits
r: ssi soar
src: ssa

@ soar | SSI/SSDI Outreach, Access, and Recovery | SOAR
s: fp hr bh
d: A SAMHSA-supported method that trains case workers to help people experiencing homelessness apply for SSI and SSDI successfully the first time.
x: A SOAR-trained worker is helping him apply.
a: SOAR program
r: ssi ssdi samhsa
src: samhsa

@ snap | Supplemental Nutrition Assistance Program | SNAP
s: fp
d: Monthly federal help to buy groceries for people with low incomes (once called food stamps; CalFresh in California).
x: We helped her apply for SNAP at intake.
a: food stamps; CalFresh; EBT
r: ssi
src: cdc

@ 211 | 211 |
s: hr hc dp
d: A free, confidential phone line and website, run by local centers, that connects people with local health and human services.
x: Call 211 to find tonight's open shelter beds.
a: 2-1-1; two-one-one
r: cie
src: 211

@ hsds | Human Services Data Specification | HSDS
s: dp
d: An open standard from Open Referral for describing organizations, services and locations, so resource directories can share their data.
x: Our resource map can be exported as HSDS.
a: open referral; HSDS format
r: 211 cie
src: openref

@ sdoh | Social determinants of health | SDOH
s: hc fp
d: The conditions where people live, work and grow up, such as housing, food, income and transport, that shape their health more than medical care does.
x: The clinic now screens for SDOH, including housing.
a: social drivers of health; health-related social needs; HRSN
r: hrsn-screening
src: cdc

@ hrsn-screening | Social needs screening |
s: hc dp
d: A few standard questions a clinic or plan asks (about housing, food, transport, safety) to find patients who need social help and refer them.
x: Her social needs screening flagged housing instability.
a: SDOH screening; HRSN screening; social risk screening
r: sdoh closed-loop-referral
src: cms

@ z-codes | Z codes |
s: hc dp
d: Diagnosis codes (ICD-10 codes Z55–Z65) that health-care providers use to record social problems such as homelessness (Z59.0) in a patient's record.
x: Coding Z59.0 helps the hospital count patients who are homeless.
a: z-code; ICD-10 Z codes; Z59
r: sdoh
src: cms

@ ehr | Electronic health record | EHR
s: hc dp
d: The digital record of a patient's health care, kept by a clinic or hospital.
x: The shelter address is now in her EHR so the clinic can reach her.
a: electronic medical record; EMR; medical record
r: hie
src: hipaa

@ care-coordination | Care coordination |
s: hc hr
d: Organizing a person's care among all the people and services involved, so information is shared and nothing falls through the cracks.
x: Care coordination between the clinic and shelter cut missed appointments.
a: coordination of care; service coordination
r: care-management case-management
src: ihi

@ in-reach | In-reach |
s: hc hr
d: Homeless-service staff going into a hospital, jail or treatment program to meet people before they leave and plan where they will go.
x: In-reach at the hospital starts housing paperwork before discharge.
a: inreach; in reach
r: discharge-planning outreach
src: hhc

@ hcs | Health-care system | HCS
s: hc
d: The hospitals, clinics, behavioral-health and substance-use providers and health plans serving a community.
x: The HH Coordinator builds relationships between the HCS and HRS.
a: health care system; health system
r: hrs
src: hhc

@ hrs | Homeless response system | HRS
s: hr
d: All the programs and people in a community that respond to homelessness (outreach, shelters, coordinated entry, housing programs and their HMIS) working as one system.
x: The HRS and the HCS serve many of the same people.
a: homeless response; homeless services system; homeless system
r: hcs coc
src: hhc

@ hh-coordinator | Health and Homelessness Coordinator |
s: hc hr im
d: The person who connects a community's health-care and homeless response systems: teaching each side the other's language, mapping resources and needs, and leading hand-offs such as hospital discharges to shelter, respite or housing.
x: The HH Coordinator set up the weekly discharge huddle.
a: HH coordinator; health and homelessness coordinator
r: system-coordinator hcs hrs
src: hhc

@ system-coordinator | System Coordinator |
s: hr im
d: The person who keeps a community's improvement work moving: shared goals, meetings, action items, follow-up, feedback loops and open data.
x: The System Coordinator sends action items within a day of each meeting.
a: system coordinator role
r: hh-coordinator collective-impact
src: sysc

@ shared-aim | Shared aim |
s: im
d: One goal that partners from different organizations and sectors agree to work toward together, stated so progress can be measured.
x: Our shared aim: no one is discharged from the hospital to the street by December.
a: common aim; aim statement; common agenda
r: collective-impact smart-goal
src: ihi-mfi

@ model-for-improvement | Model for Improvement |
s: im
d: A simple method for improvement: three questions (what are we trying to accomplish, how will we know a change is an improvement, what change can we make) tested with PDSA cycles.
x: We used the Model for Improvement to reduce time from referral to move-in.
a: model for improvement
r: pdsa shared-aim
src: ihi-mfi

@ run-chart | Run chart |
s: im dp
d: A line graph of a measure over time (for example weekly), used to see whether changes are leading to improvement.
x: The run chart shows move-ins rising since April.
a: run charts; time series chart
r: pdsa baseline
src: ihi-mfi

@ baseline | Baseline |
s: im
d: Where a measure stood before the work started, so later numbers can be compared with it.
x: Our baseline was 140 days from referral to move-in.
a: baseline data
r: run-chart shared-aim
src: ihi-mfi

@ 90-day-project | 90-day project |
s: im
d: A short, focused burst of improvement work with a clear aim, tests of change and a report at the end of 90 days.
x: The 90-day project tested a shared referral form.
a: 90 day project; 100-day challenge; sprint
r: pdsa
src: ihi

@ backbone-organization | Backbone organization |
s: im
d: The team or organization that supports a collective-impact effort: convenes partners, keeps the data, and keeps the work moving.
x: The CoC lead agency is the backbone organization for our partnership.
a: backbone; backbone support
r: collective-impact integrator
src: ssir

@ action-item | Action item |
s: im
d: A task agreed in a meeting, with one owner and a date by when it will be done.
x: Action item: Maria calls the PHA about the waiting list by Friday.
a: action items; to-do; next step
r: system-coordinator
src: sysc

@ feedback-loop | Feedback loop |
s: im
d: A regular way for the people affected by a change (staff, partners, people with lived experience) to say how it is working, and for that to change what happens next.
x: The PLEH advisory group is our main feedback loop.
a: feedback loops
r: pleh
src: sysc

@ data-transparency | Data transparency |
s: im dp
d: Sharing the system's numbers openly with partners and the public, without identifying anyone, so everyone sees the same picture.
x: Monthly dashboards are part of our data transparency.
a: transparency; open data
r: de-identified-data
src: sysc

@ hearth-act | HEARTH Act |
s: fp hr
d: The 2009 federal law (Homeless Emergency Assistance and Rapid Transition to Housing Act) that created the Continuum of Care and Emergency Solutions Grants programs in their current form.
x: The HEARTH Act requires coordinated assessment.
a: HEARTH; hearth act of 2009
r: coc esg
src: hud-coc

@ nofo | Notice of Funding Opportunity | NOFO
s: fp
d: The public notice in which a government funder announces a grant, who may apply, and how applications are scored.
x: The CoC NOFO came out in July.
a: NOFA; notice of funding availability
r: coc
src: hud-coc

@ match-funding | Match |
s: fp
d: Money or in-kind contributions a grantee must add from other sources, as a share of a grant (for example 25% of a HUD CoC grant).
x: Volunteer hours count as match.
a: match funding; cost share; matching funds
r: nofo
src: hud-coc

@ cbo | Community-based organization | CBO
s: hr hc fp
d: A local nonprofit or community group that provides services to people in its area.
x: The plan contracts with three CBOs for housing navigation.
a: community based organization; CBOs; nonprofit
r: community-supports
src: chcs

@ lead-agency | CoC lead agency |
s: hr fp
d: The organization that staffs the CoC, organizes its meetings, runs its funding competition and often coordinated entry.
x: Send the membership form to the CoC lead agency.
a: collaborative applicant; CoC lead
r: coc hmis-lead
src: hud-coc

@ doubled-up | Doubled up |
s: hr fp
d: Staying with other people because you cannot afford your own place. Some federal programs (such as school programs) count this as homelessness; HUD's main definition usually does not.
x: The family is doubled up with cousins in a two-room apartment.
a: couch surfing; couch-surfing; staying with friends
r: at-risk-of-homelessness mckinney-vento
src: hud-def

@ mckinney-vento | McKinney-Vento Act |
s: fp hr
d: The main federal homelessness law; its education part gives children and youth experiencing homelessness (including doubled-up families) the right to stay in school and get help.
x: The school's McKinney-Vento liaison referred the family.
a: McKinney Vento; McKinney-Vento liaison
r: doubled-up hearth-act
src: usich

@ unsheltered | Unsheltered |
s: hr
d: Sleeping outside or in a place not meant for living, such as a car, tent, abandoned building or park.
x: Most people in our rural counties are unsheltered.
a: unsheltered homelessness; rough sleeping; living outside
r: outreach literally-homeless
src: hud-def

@ encampment | Encampment |
s: hr hc
d: A place where several people experiencing homelessness live outside together in tents or makeshift shelters.
x: Street medicine visits the encampment by the river every Tuesday.
a: camp; homeless camp; tent encampment
r: unsheltered outreach
src: usich

@ youth-homelessness | Unaccompanied youth |
s: hr
d: Young people (usually under 25) experiencing homelessness without a parent or guardian.
x: The drop-in center serves unaccompanied youth up to age 24.
a: homeless youth; TAY; transition-age youth
r: mckinney-vento
src: usich

@ intake | Intake |
s: hr hc bh
d: The first step when someone starts with a program: collecting basic information, consent forms and what they need.
x: Intake takes about 20 minutes and happens at the front desk.
a: enrollment; admission
r: assessment
src: hud-hmis
m.hc: Often called registration or admission; in a hospital, admission means being kept overnight.

@ exit | Program exit |
s: hr dp
d: The record of a person leaving a program, with the date and where they went (their "exit destination"), used to measure outcomes.
x: Record the exit destination as permanent housing.
a: exit destination; exits
r: discharge returns-to-homelessness
src: hud-hmis

@ crisis-response | Crisis response system |
s: hr bh
d: The parts of the homeless system that respond right away to a housing crisis: outreach, shelter, diversion and coordinated entry.
x: Our crisis response is stretched in winter.
a: crisis response
r: hrs emergency-shelter diversion
src: usich

@ bed-availability | Bed availability |
s: hr hc
d: How many beds (shelter, respite, treatment) are free right now; hospital and outreach staff need it to place people quickly.
x: The bed availability board shows two respite beds open.
a: bed tracker; open beds; vacancy
r: medical-respite emergency-shelter
src: chcs

@ no-wrong-door | No wrong door |
s: hr hc
d: The promise that wherever someone first asks for help, they will be connected to the right service instead of being turned away.
x: With no wrong door, the library desk can start a coordinated entry referral.
a: no-wrong-door; any door
r: coordinated-entry
src: hud-ce

@ vulnerability | Vulnerability |
s: hr hc
d: How likely a person is to be harmed or die while homeless, given their health, age and circumstances; many communities use it to decide who is housed first.
x: High vulnerability moved him up the priority list.
a: vulnerable; vulnerability index
r: prioritization vi-spdat
src: hud-ce

@ acuity | Acuity |
s: hc hr
d: How intense a person's needs are, and so how much support they need.
x: High-acuity clients need PSH, not RRH.
a: high acuity; low acuity
r: vulnerability prioritization
src: cect
m.hc: How sick a patient is and how much nursing care they need.
m.hr: How much support a household needs to get and keep housing.

@ caseload | Caseload |
s: hr hc bh
d: The number of people one worker is responsible for at a time.
x: A PSH case manager should have a caseload of about 15 to 20.
a: case load; ratio
r: case-management
src: usich

@ reasonable-accommodation | Reasonable accommodation |
s: ho dp
d: A change in a rule or practice that a landlord or program must make so a person with a disability has equal access, such as extra time to find a unit.
x: She asked for a reasonable accommodation to extend her voucher search time.
a: reasonable accommodations; accommodation request
r: hcv
src: hud-pih

@ fair-housing | Fair housing |
s: ho fp
d: The federal law and rights that ban housing discrimination because of race, color, religion, sex, national origin, disability or family status.
x: Refusing all voucher holders may break local fair housing law.
a: fair housing act
r: reasonable-accommodation
src: hud-pih

@ source-of-income | Source-of-income discrimination |
s: ho fp
d: A landlord refusing a tenant because of how they pay rent, for example with a voucher; banned in some states and cities.
x: California bans source-of-income discrimination.
a: SOI discrimination; source of income
r: hcv fair-housing
src: hud-pih

@ eviction | Eviction |
s: ho hr
d: The legal process by which a landlord removes a tenant; an eviction on record makes finding housing much harder.
x: Legal aid stopped the eviction and set up a payment plan.
a: eviction notice; unlawful detainer
r: prevention
src: usich

@ security-deposit | Security deposit |
s: ho
d: Money paid to a landlord at move-in, returned at move-out minus any damage; programs often pay it for people leaving homelessness.
x: Community Supports covered the security deposit.
a: deposit; housing deposit
r: community-supports rrh
src: dhcs

@ master-lease | Master lease |
s: ho
d: A lease in which an agency rents units from a landlord and sublets them to tenants, taking on the landlord's risk.
x: The agency's master lease on the motel gives us 20 units.
a: master leasing; sublease
r: landlord-engagement
src: usich

@ shared-housing | Shared housing |
s: ho hr
d: Two or more unrelated people sharing a home, each with their own lease or room agreement, which makes rent affordable.
x: Shared housing let two veterans rent a house together.
a: roommate matching; co-living
r: rrh
src: usich

@ hmis-consent | HMIS consent |
s: dp hr
d: A person's agreement that their information may be entered into and shared through HMIS; without it, records are kept anonymous or not shared.
x: He declined HMIS consent, so his record is entered without his name.
a: consent to share in HMIS; data sharing consent
r: roi hmis
src: hud-hmis

@ minimum-necessary | Minimum necessary |
s: dp hc
d: The rule of sharing only the least information needed for the purpose, not the whole record.
x: Only share the minimum necessary at case conferencing: the barrier, not the diagnosis.
a: minimum necessary standard; need to know
r: hipaa phi
src: hipaa

@ care-plan | Care plan |
s: hc bh hr
d: A written plan, made with the person, of their goals, the services they will get and who does what.
x: The ECM care plan includes getting an ID and a primary care visit.
a: plan of care; service plan; housing plan
r: care-management case-management
src: cms
m.hr: Often called a housing plan or service plan: the steps to get and keep housing.

@ referral | Referral |
s: hc hr
d: Sending a person (and their information, with consent) to another program for help, and asking that program to take them.
x: The respite referral went in at 10 a.m.
a: refer; referrals
r: closed-loop-referral warm-hand-off
src: ihi
m.hc: Usually a clinician sending a patient to a specialist or service.
m.hr: Often a coordinated entry referral of a household to a housing program opening.

@ housing-problem-solving | Rapid resolution |
s: hr
d: A short, focused conversation and small flexible help that resolves a housing crisis in days, often with family or friends, without a long program.
x: Rapid resolution got him back with his brother in two days.
a: rapid exit
r: diversion progressive-engagement
src: usich

@ in-kind | In-kind |
s: fp
d: Goods, space or staff time given instead of money.
x: The church's in-kind donation is the shelter building.
a: in kind; donated services
r: match-funding
src: hud-coc

@ utilization | Utilization |
s: hc hr im
d: How much a service is used, such as how many beds are filled or how many times someone visited the emergency room.
x: Shelter utilization was 98% in January.
a: use rate; occupancy
r: high-utilizer bed-availability
src: hud-hdx
m.hc: Use of health services, often to find people who use a lot of costly care.
m.hr: The share of beds or units filled on a given night.

@ continuum-of-care-program | CoC Program competition |
s: fp hr
d: HUD's yearly national competition in which each CoC ranks its projects and applies together for renewal and new funding.
x: The CoC Program competition ranking meeting is in August.
a: CoC competition; CoC NOFO
r: coc nofo
src: hud-coc

@ ahar | Annual Homelessness Assessment Report | AHAR
s: dp fp
d: HUD's yearly report to Congress on homelessness in the US, built from the PIT counts and HMIS data that CoCs send in.
x: Our PIT numbers are in this year's AHAR.
a: annual homeless assessment report
r: pit-count hmis
src: hud-hdx

@ ce-access-point | Access point |
s: hr
d: A place or phone line where people can start coordinated entry.
x: The library is a coordinated entry access point on Tuesdays.
a: access site; front door
r: coordinated-entry no-wrong-door
src: hud-ce

@ matching | Housing match |
s: hr ho
d: Connecting a household at the top of the priority list with a specific housing opening that fits them.
x: The match to the new PSH unit was made at case conferencing.
a: match; housing referral
r: coordinated-entry case-conferencing
src: cect

@ sobering-center | Sobering center |
s: bh hc
d: A safe place, other than a jail or emergency room, where intoxicated people can rest and sober up with basic monitoring.
x: Police brought him to the sobering center instead of jail.
a: sobering station
r: crisis-stabilization
src: samhsa

@ detox | Withdrawal management |
s: bh hc
d: Medical care to help a person safely stop using alcohol or drugs, managing withdrawal symptoms (often called detox).
x: He is waiting for a withdrawal management bed.
a: detox; detoxification; withdrawal
r: sud mat
src: samhsa

@ residential-treatment | Residential treatment |
s: bh
d: Live-in treatment for substance use or mental illness, usually for weeks or months.
x: Residential treatment ends next week; where will she go after?
a: rehab; inpatient treatment
r: sud discharge-planning
src: samhsa

@ lcsw | Licensed clinical social worker | LCSW
s: bh hc
d: A social worker with a graduate degree and a state license to diagnose and treat mental-health problems.
x: An LCSW can sign the disability verification.
a: clinical social worker
r: disability-verification
src: samhsa

@ telehealth | Telehealth |
s: hc
d: Health care by video or phone, useful in rural areas and for people who cannot travel to a clinic.
x: The shelter set up a private room for telehealth visits.
a: telemedicine; virtual visit
r: primary-care
src: hrsa

@ pcp-assignment | Assigned primary care provider |
s: hc
d: The clinician or clinic a health plan names as a member's main source of care.
x: Call the plan to change her assigned primary care provider to the FQHC.
a: PCP assignment; assigned PCP
r: primary-care mcp
src: cms

@ prior-authorization | Prior authorization |
s: hc fp
d: Approval a health plan must give before it will pay for certain services or medicines.
x: Recuperative care needs prior authorization from the plan.
a: pre-authorization; prior auth
r: mcp
src: cms

@ enrollment-assistance | Benefits enrollment |
s: hc fp hr
d: Helping a person apply for health insurance and other benefits they are eligible for, such as Medicaid, SNAP or SSI.
x: Benefits enrollment happens at the shelter on Mondays.
a: benefits assistance; enrollment help
r: medicaid snap ssi
src: cms

@ presumptive-eligibility | Presumptive eligibility |
s: hc fp
d: Short-term Medicaid coverage that qualified hospitals or clinics can grant on the spot while a full application is processed.
x: The hospital enrolled him through presumptive eligibility.
a: hospital presumptive eligibility; HPE
r: medicaid
src: cms

@ value-based-payment | Value-based payment |
s: hc fp
d: Paying health-care providers for results and quality, not only for each visit or test.
x: Value-based payment gives the plan a reason to fund housing support.
a: value-based care; pay for performance; VBP
r: mcp
src: cms

@ 1115-waiver | Section 1115 waiver |
s: hc fp
d: Federal permission for a state to test new ways of running Medicaid, such as paying for some housing-related services; CalAIM uses one.
x: The state's 1115 waiver lets Medicaid pay for recuperative care.
a: 1115; Medicaid waiver; demonstration waiver
r: calaim medicaid
src: cms

@ mou-data-sharing | Data-sharing agreement | DSA
s: dp fp
d: A written agreement that says exactly what data partners will share, how it is protected, and what it may be used for.
x: The hospital wants a data-sharing agreement before joining the case conference.
a: data sharing agreement; DUA; data use agreement
r: mou roi
src: hipaa
"""


def _parse() -> list[tuple[str, dict]]:
    terms = []
    current: dict | None = None
    for raw_line in STARTER.splitlines():
        line = raw_line.strip()
        if not line:
            continue
        if line.startswith("@ "):
            slug, term, acronym = [p.strip() for p in line[2:].split("|")]
            current = {"slug": slug, "term": term, "acronym": acronym, "meanings": {},
                       "sectors": [], "aliases": "", "related": "", "example": "",
                       "definition": "", "source_note": "", "source_url": ""}
            terms.append((slug, current))
            continue
        key, _, value = line.partition(": ")
        value = value.strip()
        if key == "s":
            current["sectors"] = [SECTOR_CODES[c] for c in value.split()]
        elif key == "d":
            current["definition"] = value
        elif key == "x":
            current["example"] = value
        elif key == "a":
            current["aliases"] = value
        elif key == "r":
            current["related"] = "; ".join(value.split())
        elif key == "src":
            source, _, more = value.partition(";")
            note, url = SOURCES[source.strip()]
            current["source_note"] = note + (f"; {more.strip()}" if more.strip() else "")
            current["source_url"] = url
        elif key.startswith("m."):
            current["meanings"][SECTOR_CODES[key[2:]]] = value
        else:
            raise ValueError(f"starter glossary: unknown line {raw_line!r}")
    return terms


def starter_terms() -> list[tuple[str, dict]]:
    """(slug, fields) for every starter term, in the order above (the issue's terms first)."""
    return _parse()
