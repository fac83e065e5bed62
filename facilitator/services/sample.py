"""The sample collaborative that lets a new facilitator look around before their own first meeting.

Fictional people and places. The sample is written in one transaction: whole or not at all.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.domain.decision import DecisionRule, Method, Scale, decide
from facilitator.domain.model import (
    AgendaFields,
    AgendaKind,
    AttendanceStatus,
    CollaborativeFields,
    ItemState,
    MeetingFields,
    MeetingStatus,
    PersonFields,
)
from facilitator.domain.people import SEED_SECTORS
from facilitator.domain.record import (
    NO_SECTOR,
    OVERALL,
    Disposition,
    MeetingKind,
    outcome_to_json,
    total_counts,
)
from facilitator.services.agenda import AgendaService
from facilitator.services.attendance import AttendanceService, present_people
from facilitator.services.base import Service
from facilitator.services.collaboratives import CollaborativeService
from facilitator.services.meetings import MeetingService
from facilitator.services.people import PeopleService
from facilitator.services.sectors import SectorService
from facilitator.storage.models import (
    ActionItemRow,
    AgendaItemRow,
    BallotRow,
    BrainstormRow,
    DecisionRow,
    IdeaDotsRow,
    IdeaEditRow,
    IdeaRow,
    IdeaThemeRow,
    MeetingRecordRow,
    MeetingRow,
    ParkedItemRow,
    PersonRow,
    RuleProposalRow,
    WritingEntryRow,
    WritingGroupRow,
    WritingMemberRow,
    WritingSummaryRow,
)
from facilitator.techniques.brainstorming.model import (
    DEFAULT_DOTS_PER_PERSON,
    DotEntry,
    Dots,
    Idea,
    Phase,
    idea_key,
    standings,
    top,
)
from facilitator.techniques.brainstorming.service import BrainstormService
from facilitator.techniques.ground_rules.model import RuleKind, Wording
from facilitator.techniques.ground_rules.service import GroundRulesService, StarterRule
from facilitator.techniques.idea_writing.model import GROUP_LETTERS, Direction, writer
from facilitator.techniques.idea_writing.model import Step as WritingStep
from facilitator.techniques.idea_writing.service import IdeaWritingService
from facilitator.techniques.nominal_group.model import (
    Convention,
    EditKind,
    RoundRobin,
    Step,
    Vote,
    read_ballot,
)
from facilitator.techniques.nominal_group.service import NominalGroupService

SAMPLE_NAME = "Millbrook Youth Futures Collaborative"

# name, organisation, sector (one of SEED_SECTORS), status at the first meeting
PEOPLE: tuple[tuple[str, str, str, AttendanceStatus], ...] = (
    ("Rosa Delgado", "Millbrook City Council", "Government", AttendanceStatus.PRESENT),
    ("Kwame Mensah", "County Youth Services", "Government", AttendanceStatus.PRESENT),
    ("Hannah Fischer", "Fischer Hardware", "Business", AttendanceStatus.PRESENT),
    ("Daniel Okafor", "Millbrook Chamber of Commerce", "Business", AttendanceStatus.REGRETS),
    ("Priya Raman", "Northside Family Centre", "Nonprofit", AttendanceStatus.PRESENT),
    ("Tomás Herrera", "Boys and Girls Club", "Nonprofit", AttendanceStatus.PRESENT),
    ("Grace Whitfield", "Food Bank of Millbrook", "Nonprofit", AttendanceStatus.LATE),
    ("Marcus Bell", "", "Community resident", AttendanceStatus.PRESENT),
    ("Leila Haddad", "", "Community resident", AttendanceStatus.PRESENT),
    ("Joe Kowalski", "Elm Street Tenants' Association", "Community resident", AttendanceStatus.PRESENT),
    ("Rev. Samuel Ayodele", "Grace Fellowship Church", "Faith", AttendanceStatus.PRESENT),
    ("Imam Yusuf Karimi", "Millbrook Islamic Centre", "Faith", AttendanceStatus.ABSENT),
    ("Linda Cho", "Millbrook High School", "Education", AttendanceStatus.PRESENT),
    ("Dr. Ellen Park", "Riverside Community College", "Education", AttendanceStatus.PRESENT),
    ("Nadia Petrova", "Millbrook Community Health Clinic", "Health", AttendanceStatus.PRESENT),
)

FIRST_AGENDA: tuple[AgendaFields, ...] = (
    AgendaFields(AgendaKind.DISCUSSION, "Welcome and introductions",
                 "Say your name, who you are here for, and one hope for Millbrook's young people.", 15),
    AgendaFields(AgendaKind.GROUND_RULES, "How we will work together",
                 "Which agreements do we need so that everyone can speak and be heard?", 25),
    AgendaFields(AgendaKind.BRAINSTORMING, "What keeps young people from thriving here?",
                 "What stops Millbrook's young people from finding work, learning and belonging?", 30),
    AgendaFields(AgendaKind.BREAK, "Break", "", 10),
    AgendaFields(AgendaKind.NOMINAL_GROUP, "Our first priorities",
                 "Of the problems we listed, which should this collaborative take on first?", 75),
    AgendaFields(AgendaKind.DECISIONS, "Decisions and next steps", "", 20),
    AgendaFields(AgendaKind.IDEA_WRITING, "First ideas for summer jobs",
                 "What could each of us do so that more of Millbrook's teenagers find a summer job, and keep it?",
                 45),
)  # fmt: skip

SECOND_AGENDA: tuple[AgendaFields, ...] = (
    AgendaFields(AgendaKind.GROUND_RULES, "Our ground rules",
                 "Do the agreements from our launch still serve us? Anything to add or change?", 10),
    AgendaFields(AgendaKind.DISCUSSION, "Review of action items",
                 "What has been done since the last meeting, and what is still open?", 15),
    AgendaFields(AgendaKind.IDEA_WRITING, "Ideas for summer jobs",
                 "How could employers, schools and congregations open more summer jobs for teenagers?", 60),
    AgendaFields(AgendaKind.BREAK, "Break", "", 10),
    AgendaFields(AgendaKind.DECISIONS, "Decide on a pilot", "", 25),
)  # fmt: skip


# The launch meeting's ground rules: wording, why, and each check by gradients of agreement
# (fully agree, reservations, stand aside, block). A second wording means the rule was revised.
GROUND_RULES: tuple[tuple[RuleKind, str, str, tuple[tuple[str, tuple[int, int, int, int]], ...]], ...] = (
    (RuleKind.DECISION, "How we make decisions",
     "We agreed early so that no hard choice turns into a fight about process.",
     (("", (9, 2, 1, 0)),)),
    (RuleKind.RULE, "Only the co-chairs speak to the media for the collaborative.",
     "One agreed voice keeps partners from being quoted for positions the group never took.",
     (("", (8, 1, 1, 2)),
      ("Only the co-chairs, or someone the group names, speak to the media for the collaborative.",
       (10, 2, 0, 0)))),
    (RuleKind.RULE, "What is said here stays here unless the group agrees to share it.",
     "People speak frankly when their words will not travel without them.", (("", (11, 1, 0, 0)),)),
    (RuleKind.RULE, "Minutes reach every partner within a week.",
     "Everyone hears the same thing at the same time.", (("", (12, 0, 0, 0)),)),
    (RuleKind.RULE, "Representatives check with their organisations before committing them.",
     "A promise only holds if the organisation behind it stands by it.", (("", (9, 2, 1, 0)),)),
    (RuleKind.RULE, "No decisions outside scheduled meetings unless every partner is present.",
     "Side-room decisions wear away trust.", (("", (10, 2, 0, 0)),)),
    (RuleKind.RULE, "One voice at a time, and we listen to understand.",
     "Quieter voices get heard, and the recorder can keep up.", (("", (12, 0, 0, 0)),)),
    (RuleKind.RULE, "Phones are switched off for the whole meeting.",
     "Full attention for the time we have together.", (("", (4, 2, 2, 4)),)),
)  # fmt: skip
# The launch meeting's brainstorm, as the wall looked at the end: each theme with its ideas. An idea
# is its number (the order it was called out in), its words as the recorder first typed them, its
# words after the group clarified them ("" if unchanged), the dots counted on it off the wall, and
# the near-duplicates merged into it (number and words). Not attributed; 13 present x 5 dots = 65.
SampleIdea = tuple[int, str, str, int, tuple[tuple[int, str], ...]]
BRAINSTORM: tuple[tuple[str, tuple[SampleIdea, ...]], ...] = (
    ("Getting around", (
        (3, "Last bus from the centre leaves at 6:40",
         "No buses in the evening, so no way home from a late shift", 8,
         ((16, "No way home after an evening shift"),)),
        (6, "Bus fare eats a big part of a teen's pay", "", 1, ()),
        (25, "Cycling on Route 9 is dangerous", "", 0, ()),
        (35, "No driving lessons unless parents can pay", "", 0, ()),
        (42, "Kids from the farms can't stay for after-school clubs", "", 0, ()),
    )),
    ("Work and money", (
        (2, "Not enough summer jobs", "Too few summer and part-time jobs open to under-18s", 9,
         ((13, "Shops only hire 18 and over"), (27, "No part-time work in town for 16-year-olds"))),
        (7, "Employers want experience you can't get at 16", "", 3, ()),
        (22, "Pay from part-time jobs goes on family bills", "", 0, ()),
        (23, "Job applications are online only", "", 0, ()),
        (34, "School trips and fees cost too much for some families", "", 0, ()),
        (37, "Nobody to show them how the world of work works", "", 0, ()),
        (39, "Phone data runs out by the middle of the month", "", 0, ()),
    )),
    ("Places to be", (
        (1, "Nothing free to do after school", "", 2, ()),
        (5, "kids got nowhere to go", "Nowhere to hang out except the mall and parking lots", 6, ()),
        (10, "Youth centre closed in 2019 and never reopened", "", 3, ()),
        (20, "Park feels unsafe after dark", "", 0, ()),
        (26, "Sports clubs cost too much", "", 2, ()),
        (31, "Library closes at 5 on weekdays", "", 0, ()),
    )),
    ("Health and wellbeing", (
        (4, "Months on a waiting list for counselling",
         "Months of waiting for counselling, in school and out", 6,
         ((21, "One school counsellor for 900 students"),)),
        (11, "Anxiety and stress, and no one to talk to", "", 2, ()),
        (18, "Vaping and drugs are easy to get", "", 0, ()),
        (29, "Clinic has no evening or youth hours", "", 0, ()),
        (30, "Pressure and bullying on social media", "", 0, ()),
        (36, "Some kids come to school hungry", "", 0, ()),
    )),
    ("School and skills", (
        (9, "laptops / wifi", "No laptop or reliable internet at home for homework", 4, ()),
        (14, "Teachers too stretched to notice who is struggling", "", 0, ()),
        (19, "No trades or apprenticeship courses near town", "", 1, ()),
        (28, "Kids who drop out fall through the cracks", "", 1, ()),
        (32, "Nobody explains how to apply for college or financial aid", "", 0, ()),
        (40, "Summer school clashes with summer jobs", "", 0, ()),
    )),
    ("Family and belonging", (
        (8, "Feeling judged by adults downtown", "", 1, ()),
        (12, "Minding younger brothers and sisters after school", "", 1, ()),
        (15, "Racist remarks at school go unchallenged", "", 3, ()),
        (17, "Adults don't ask young people what they think", "", 5, ()),
        (24, "Newcomer teens left out while they learn English", "", 0, ()),
        (33, "LGBTQ+ youth don't feel safe being themselves", "", 2, ()),
        (38, "Stopped by police just for standing around", "", 0, ()),
        (41, "Young carers miss school to look after a parent", "", 0, ()),
    )),
)  # fmt: skip
# The ideas with the most dots (ties kept) start the list of the nominal group item after the break.
BRAINSTORM_SENT = 6

# The launch meeting's nominal group, finished. After the brainstorm's starting list (ideas 1-6),
# the round robin went round the 13 in the room, in name order: "+" an idea (the next of
# NOMINAL_IDEAS, as first recorded), "-" a pass; after the last idea everyone passed in turn.
NOMINAL_IDEAS: tuple[str, ...] = (
    "Young people get no say in the decisions made about them",
    "Some kids start the school day hungry since the breakfast club closed",
    "Young carers can't join anything after school",
    "families dont know whats out there",
    "Mental health support stops at 18, with no handover to adult services",
    "No apprenticeships or trades training within reach of town",
)
NOMINAL_TURNS = "++-++--++"
# Clarification: one rewording (number, new words) and one merge the group agreed to (the idea
# merged, the idea it went into, how the group agreed).
NOMINAL_REWORDED = ((10, "Families don't know what help and activities already exist"),)
NOMINAL_MERGED = ((7, 5, "Agreed by a show of hands: both say that young people are not asked."),)
# Each step's time box in minutes, fitted into the item's 75.
NOMINAL_MINUTES: dict[Step, int] = {
    Step.GENERATE: 8, Step.ROUND_ROBIN: 15, Step.CLARIFY: 20, Step.PRELIMINARY: 8, Step.DISCUSS: 12,
    Step.FINAL: 7, Step.RESULT: 5,
}  # fmt: skip
NOMINAL_PICKS = 5
# The cards as typed, most important first, with the name of whoever put theirs on the card (None:
# anonymous). The first vote has a tie (4 and 11 on 18 points) and one divided idea (2: first on
# two cards, last on one); the final vote puts summer jobs first.
PRELIMINARY_CARDS: tuple[tuple[str | None, str], ...] = (
    (None, "2 11 4 9 8"), ("Kwame Mensah", "1 3 4 12 10"), (None, "1 3 11 2 10"), (None, "11 4 3 5 2"),
    (None, "1 11 6 4 12"), ("Joe Kowalski", "2 1 6 12 5"), ("Nadia Petrova", "3 5 1 11 9"),
    (None, "1 3 5 6 12"), ("Priya Raman", "3 1 2 8 10"), (None, "1 2 8 4 6"), (None, "3 4 5 6 9"),
    (None, "3 1 2 8 12"),
)  # fmt: skip
FINAL_CARDS: tuple[tuple[str | None, str], ...] = (
    (None, "2 3 5 8 6"), ("Kwame Mensah", "1 3 11 5 6"), ("Joe Kowalski", "2 1 11 6 10"),
    ("Nadia Petrova", "3 1 11 4 9"), (None, "1 2 11 4 12"), (None, "1 2 4 5 12"), (None, "3 11 4 2 5"),
    (None, "1 2 3 11 4"), (None, "1 11 3 5 12"), (None, "3 1 4 8 6"), (None, "3 1 2 4 8"),
    (None, "1 3 2 6 9"),
)  # fmt: skip

# The launch meeting's idea writing, after the decisions: ideas for the working group to start from,
# written by everyone in the room as 6-3-5 brainwriting in groups of up to five (so three groups:
# five, four and four, sectors mixed), three ideas a round, five minutes a round with more time for
# the last two. Sheets went to the left: on each sheet the owner wrote the first row and each
# neighbour in turn the next, so a sheet of group A has five rows and the others four. Every sheet
# is typed in but C4, half done. The groups by seat, as the service makes them:
WRITING_GROUPS: tuple[tuple[str, ...], ...] = (
    ("Joe Kowalski", "Grace Whitfield", "Dr. Ellen Park", "Rosa Delgado", "Nadia Petrova"),
    ("Leila Haddad", "Priya Raman", "Linda Cho", "Hannah Fischer"),
    ("Marcus Bell", "Tomás Herrera", "Kwame Mensah", "Rev. Samuel Ayodele"),
)
WRITING_NUMBERS: dict[str, int] = {"group_size": 5, "ideas_per_round": 3, "minutes_per_round": 5, "rounds": 5}
WRITING_EXTRA: tuple[tuple[int, int], ...] = ((4, 1), (5, 2))  # (round, extra minutes)
# Each sheet by its code, row by row (round 1 first), each idea with the idea it builds on as
# (round, place in the row) on the same sheet, or None. Ideas are numbered in the order typed:
# sheet by sheet, row by row.
Written = tuple[str, tuple[int, int] | None]
WRITING_SHEETS: dict[str, tuple[tuple[Written, ...], ...]] = {
    "A1": (
        (("Tenants' associations hire teens to paint hallways and tidy the courtyards", None),
         ("A board of odd jobs in every apartment building", None),
         ("Older neighbours pay teens to shop and run errands for them", None)),
        (("Pair the errands with the food bank's home deliveries to seniors", (1, 3)),
         ("Put the odd-jobs board online too, checked by an adult", (1, 2))),
        (("Errands and deliveries count as service hours for college applications", (2, 1)),
         ("A two-hour course on safe work and fair pay before teens take odd jobs", (2, 2)),
         ("The college's maintenance crew could take two or three teen helpers", (1, 1))),
        (("The council pays for paint and tools when tenants hire local teens", (1, 1)),
         ("Run the safe-work course at the library, free", (3, 2))),
        (("Add a first-aid certificate to the safe-work course", (4, 2)),),
    ),
    "A2": (
        (("Paid summer places at the food bank warehouse and the community garden", None),
         ("A bus pass for the first month of work, until the first pay cheque", None),
         ("Teens cook and serve at the summer lunch programme", None)),
        (("Garden jobs could earn a college credit in horticulture", (1, 1)),
         ("Ask the bus company for a summer youth fare", (1, 2))),
        (("The city could fund a youth bus pass from the transit budget", (2, 2)),
         ("A food handler's certificate for the teens who cook", (1, 3))),
        (("The certificate opens restaurant jobs later on", (3, 2)),
         ("The garden crew grows vegetables for the clinic's healthy-eating classes", (2, 1))),
        (("Tenants could join the garden crew on harvest days", (4, 2)),),
    ),
    "A3": (
        (("A summer jobs fair at the college in April, with employers from every sector", None),
         ("College students mentor teens in their first job", None),
         ("A short course on writing a CV and getting through an interview", None)),
        (("Every council department takes a stand at the fair", (1, 1)),
         ("Practice interviews with real managers", (1, 3))),
        (("Hold the fair on a Saturday so parents can come too", (2, 1)),
         ("Mentors check in once a week through the first month", (1, 2)),
         ("Clinic staff explain health and safety at work", None)),
        (("A free bus to the fair from the estates", (3, 1)),),
        (("Every teen leaves the fair with a list of who is hiring and when", (3, 1)),
         ("Interview clothes from the food bank's clothing cupboard", (2, 2))),
    ),
    "A4": (
        (("The city hires 20 teens as summer park and pool staff", None),
         ("A summer jobs coordinator at the council: one phone number for employers", None),
         ("Small grants for businesses that take on a first-time teen worker", None)),
        (("Lifeguard training paid by the city, so the pool can stay open longer", (1, 1)),
         ("The coordinator checks that every placement is safe", (1, 2))),
        (("Park jobs open to teens from every neighbourhood, not only those who know someone", (1, 1)),
         ("Grants only where the job pays at least the minimum wage", (1, 3))),
        (("The coordinator keeps a waiting list and calls back everyone who applied", (2, 2)),),
        (("Grant forms one page long, or small firms won't bother", (3, 2)),
         ("Lifeguards in training get the college's first-aid credit", (2, 1))),
    ),
    "A5": (
        (("Summer health assistants at the clinic: reception, filing, outreach", None),
         ("Work permits and medical forms signed in one visit", None),
         ("Jobs near home for teens who look after younger brothers and sisters", None)),
        (("Evening and weekend shifts for teens who mind children by day", (1, 3)),
         ("Outreach jobs: teens tell other teens about the clinic's youth hours", (1, 1))),
        (("A day camp for the little ones, so their older brothers and sisters can work", (2, 1)),
         ("One office where teens get work permits, forms and a bus pass", (1, 2))),
        (("The day camp hires teens from the same families", (3, 1)),),
        (("That office could be in the library, open late on Fridays", (3, 2)),),
    ),
    "B1": (
        (("Ask the shops on Main Street to hire one teen each for the summer", None),
         ("Babysitting and tutoring jobs listed in one place", None),
         ("Teens who speak two languages paid to interpret at events", None)),
        (("The family centre checks babysitters and offers them a first-aid course", (1, 2)),
         ("Interpreting at the family centre's drop-in sessions", (1, 3))),
        (("Older students paid to tutor younger ones in summer school", (1, 2)),
         ("A 'we hire teens' sticker for shop windows on Main Street", (1, 1))),
        (("I would take one teen if someone helped with the paperwork", (3, 2)),
         ("Two shops share one teen, half a day each", (1, 1))),
    ),
    "B2": (
        (("A summer jobs club at the family centre: CVs, applications, practice calls", None),
         ("Help parents understand the rights teen workers have", None),
         ("Keep some places for teens in care and young carers", None)),
        (("Run the club at school in May, before term ends", (1, 1)),
         ("Young carers get flexible hours written into the job", (1, 3))),
        (("Employers come to the club to meet teens face to face", (2, 1)),),
        (("A parents' evening on teen work rights, in several languages", (1, 2)),
         ("Open the club on Saturday mornings too", (2, 1))),
    ),
    "B3": (
        (("Every summer job on the school website and notice board by 1 May", None),
         ("A summer job counts towards the school's work-experience credit", None),
         ("Guidance counsellors help students fill in applications", None)),
        (("Employers send their openings to one school email address", (1, 1)),
         ("A reference letter from the employer at the end of the summer", (1, 2)),
         ("Employers visit classes in spring to say what they look for", None)),
        (("Text the job list to parents, not only to students", (2, 1)),
         ("Teens keep their references in a folder for the next job", (2, 2))),
        (("Students who have had a job talk to those looking for one", (2, 3)),
         ("The job list in print too, for families without internet", (3, 1))),
    ),
    "B4": (
        (("Small shops need summer help but can't afford to train someone", None),
         ("A one-day 'ready for work' course that employers trust", None),
         ("A trial week paid by the collaborative, then the shop decides", None)),
        (("Retired tradespeople train teens for the shops", (1, 1)),
         ("Teens from the estates go first for the trial weeks", (1, 3))),
        (("The course covers being on time, phones at work, and asking for help", (1, 2)),),
        (("The school hosts the course in the last week of term", (3, 1)),
         ("A trial week counts as work experience whatever the shop decides", (1, 3))),
    ),
    "C1": (
        (("Teen crews for yard work and snow clearing, with an adult supervisor", None),
         ("Teens fix up old bikes and sell them cheap to other teens", None),
         ("Pay teens to keep the riverside path clean", None)),
        (("The club lends tools and a van to the yard crews", (1, 1)),
         ("A bike workshop at the club, with a mechanic two evenings a week", (1, 2))),
        (("County youth services could pay the supervisor", (2, 1)),
         ("The river path crew as part of the county's green jobs scheme", (1, 3))),
        (("Church members hire the yard crews for their gardens", (3, 1)),),
    ),
    "C2": (
        (("Junior counsellor jobs at the club's summer camp", None),
         ("Coaching assistants for the little league", None),
         ("A job for every teen who volunteered with us last year", None)),
        (("The county pays the junior counsellors' first two weeks", (1, 1)),
         ("A coaching badge, so assistants can coach on their own next year", (1, 2))),
        (("The church's day camp could take junior counsellors too", (2, 1)),
         ("Volunteers who came all year get first pick", (1, 3))),
        (("The same pay at every camp, so teens don't chase the best one", (3, 1)),
         ("One application form for all the summer camps in town", (3, 1))),
    ),
    "C3": (
        (("A summer youth employment scheme: 30 places, county and city paying half each", None),
         ("Pay weekly, not monthly, so teens can cover their bus fares", None),
         ("A youth worker each teen can call if a job goes wrong", None)),
        (("Places for teens who left school early, not only the best students", (1, 1)),
         ("The youth worker visits the workplace in the first week", (1, 3))),
        (("Local employers match the scheme's places one for one", (1, 1)),
         ("Pay by card or app: many teens have no bank account", (1, 2))),
        (("Club staff can be the youth workers for teens they already know", (2, 2)),
         ("Start small: 10 places this summer, 30 next year", (3, 1))),
    ),
    "C4": (  # typed in up to its second row (of four)
        (("Congregations list the jobs their members can offer", None),
         ("The church hall as a place to meet employers, with food", None),
         ("Older members teach the trades they know: carpentry, sewing, cooking", None)),
        (("A notice in every church, mosque and temple with the job list", (1, 1)),
         ("Carpentry learners could repair the church hall itself", (1, 3))),
    ),
}  # fmt: skip
# An idea first typed with a slip and corrected: (sheet, round, place, the words as first typed).
WRITING_CORRECTED: tuple[tuple[str, int, int, str], ...] = (
    ("C1", 2, 2, "A bike workshop at the club, with a mechanic two evenings a weak"),
)
# Each group's main ideas, in the order it reported them: its letter, the words, and the idea they
# were picked from as (sheet, round, place), or None when the group wrote them afresh.
WRITING_SUMMARIES: tuple[tuple[str, str, tuple[str, int, int] | None], ...] = (
    ("A", "A summer jobs fair at the college in April, with employers from every sector", ("A3", 1, 1)),
    ("A", "A summer jobs coordinator at the council: one number for employers and teens", ("A4", 1, 2)),
    ("A", "Help getting there and getting started: bus passes, interview clothes, a safe-work course", None),
    ("B", "A trial week paid by the collaborative, then the shop decides", ("B4", 1, 3)),
    ("B", "One job list, online and in print, to students and parents by 1 May", ("B3", 1, 1)),
    ("B", "A summer jobs club at the family centre: CVs, applications, practice calls", ("B2", 1, 1)),
    ("C", "A county and city youth employment scheme, starting with 10 places this summer", ("C3", 1, 1)),
    ("C", "Teen crews for yards, bikes and the river path, with an adult supervisor", None),
    ("C", "Junior counsellors at every summer camp, with one application form", ("C2", 1, 1)),
)  # fmt: skip

# The launch meeting's proposals: wording, proposer, what it draws on, scale, counts (overall, or
# per sector keyed by a person of that sector), disposition and note.
DECISIONS: tuple[tuple[str, str, str, Scale, dict[str, object], Disposition, str], ...] = (
    ("Summer jobs for teenagers are the collaborative's first priority for the coming year.",
     "Kwame Mensah", "Our first priorities: first in the final vote", Scale.GRADIENTS,
     {"agree": 9, "reservations": 3, "stand_aside": 1, "block": 0}, Disposition.ADOPTED, ""),
    ("A working group of five designs a summer jobs pilot and brings it to the next meeting.",
     "Hannah Fischer", "Decision 1", Scale.VOTE,
     {"Rosa Delgado": {"for": 2, "against": 0, "abstain": 0},
      "Hannah Fischer": {"for": 1, "against": 0, "abstain": 0},
      "Priya Raman": {"for": 3, "against": 0, "abstain": 0},
      "Marcus Bell": {"for": 2, "against": 0, "abstain": 1},
      "Rev. Samuel Ayodele": {"for": 1, "against": 0, "abstain": 0},
      "Linda Cho": {"for": 2, "against": 0, "abstain": 0},
      "Nadia Petrova": {"for": 1, "against": 0, "abstain": 0}}, Disposition.ADOPTED, ""),
    ("Ask the city council to fund a free bus pass for young people in summer jobs.",
     "Joe Kowalski", "Brainstorm, idea 3: no buses in the evening", Scale.VOTE, {}, Disposition.DEFERRED,
     "The council sets its budget in January; Rosa will find out when requests are due."),
)  # fmt: skip

# What, who, days before the next meeting it is due, and the decision (index) it follows from.
ACTIONS: tuple[tuple[str, str, int, int | None], ...] = (
    ("Send these minutes to every partner", "Linda Cho", 21, None),
    ("Invite five employers to the working session", "Hannah Fischer", 7, 1),
    ("Draft an outline of the pilot for the working group", "Dr. Ellen Park", 3, 1),
    ("List the summer programmes for teenagers that already exist", "Priya Raman", 1, 0),
)

PARKED: tuple[str, ...] = (
    "How young people without a car get to jobs on the edge of town",
    "A seat for young people themselves at this table",
)

SAMPLE_DECISION_RULE = DecisionRule(
    Method.CONSENSUS_THEN_VOTE, quorum=8, attempts=2, fallback=Method.TWO_THIRDS
)
GRADIENT_CHOICES = ("agree", "reservations", "stand_aside", "block")


class SampleService(Service):
    def create(self) -> int:
        """Fill the store with the sample; returns the id of its upcoming meeting."""
        store, clock = self.store, self.clock
        sectors = SectorService(store, clock)
        sectors.seed(SEED_SECTORS)
        listed = sectors.all()
        by_name = {s.name: s.id for s in listed}
        # A store seeded in another language has the same sectors in the same order.
        by_seed = {name: listed[i].id for i, name in enumerate(SEED_SECTORS) if i < len(listed)}
        now = self.now().replace(hour=18, minute=0, second=0)
        with store.transaction() as session:
            collaborative = CollaborativeService(store, clock).create_in(
                session,
                CollaborativeFields(
                    SAMPLE_NAME,
                    purpose="Bring the whole town together so that every young person in Millbrook "
                    "has a path to work, learning and belonging.",
                    vision="A town where young people are known, needed and hopeful.",
                    mission="We pool what each sector knows and has, agree on a few priorities at a "
                    "time, and act on them together.",
                ),
            )
            people_service, attendance = PeopleService(store, clock), AttendanceService(store, clock)
            meetings, agenda = MeetingService(store, clock), AgendaService(store, clock)
            first = meetings.create_in(
                session, collaborative.id,
                MeetingFields("Launch meeting", now - timedelta(days=28), "Millbrook Public Library, Room B",
                              "Agree how we work, name the problems, choose where to start.",
                              "Rosa Delgado", "Linda Cho"),
            )  # fmt: skip
            second = meetings.create_in(
                session, collaborative.id,
                MeetingFields("Summer jobs working session", now + timedelta(days=7),
                              "Grace Fellowship Church hall", "Turn our first priority into a pilot.",
                              "Rosa Delgado", "Linda Cho"),
            )  # fmt: skip
            for name, organisation, sector, status in PEOPLE:
                person = people_service.add_in(
                    session,
                    collaborative.id,
                    PersonFields(name, organisation, by_name.get(sector, by_seed.get(sector)), ""),
                )
                arrived = first.starts_at + timedelta(minutes=20) if status is AttendanceStatus.LATE else None
                attendance.set_in(session, first.id, person.id, status, arrived)
            launch_items: dict[AgendaKind, AgendaItemRow] = {}
            for fields in FIRST_AGENDA:
                row = agenda.add_in(session, first.id, fields)
                row.state, row.elapsed_seconds = ItemState.DONE.value, fields.minutes * 60
                launch_items[fields.kind] = row
                if fields.kind is AgendaKind.GROUND_RULES:
                    session.flush()
                    self._ground_rules(session, row.id)
            session.flush()
            self._brainstorm(
                session,
                launch_items[AgendaKind.BRAINSTORMING].id,
                launch_items[AgendaKind.NOMINAL_GROUP].id,
                first.starts_at + timedelta(minutes=45),
            )
            session.flush()
            self._nominal_group(
                session, launch_items[AgendaKind.NOMINAL_GROUP], first.starts_at + timedelta(minutes=90)
            )
            self._idea_writing(
                session, launch_items[AgendaKind.IDEA_WRITING], first.starts_at + timedelta(minutes=175)
            )
            for fields in SECOND_AGENDA:
                agenda.add_in(session, second.id, fields)
            _close(first)
            session.flush()
            self._record(session, first, second)
            return second.id

    def _record(self, session: Session, first: MeetingRow, second: MeetingRow) -> None:
        """The launch meeting's decisions, action items and parking lot, and what comes next."""
        people = {
            row.name: row
            for row in session.scalars(
                select(PersonRow).where(PersonRow.collaborative_id == first.collaborative_id)
            )
        }
        sector_keys = {
            row.id: str(row.sector_id) if row.sector_id is not None else NO_SECTOR for row in people.values()
        }
        item = session.scalars(
            select(AgendaItemRow).where(
                AgendaItemRow.meeting_id == first.id, AgendaItemRow.kind == AgendaKind.DECISIONS.value
            )
        ).one()
        present = sum(1 for *_rest, status in PEOPLE if status.in_room)
        recorded = first.starts_at + timedelta(hours=2, minutes=50)
        decisions = []
        for position, (wording, proposer, draws_on, scale, counts, disposition, note) in enumerate(DECISIONS):
            by_sector = isinstance(next(iter(counts.values()), None), dict)
            stored: dict[str, dict[str, int]] = (
                {sector_keys[people[name].id]: dict(part) for name, part in counts.items()}  # type: ignore[call-overload]
                if by_sector
                else ({OVERALL: dict(counts)} if counts else {})  # type: ignore[arg-type]
            )
            outcome = None
            if stored:
                total = total_counts(scale, stored)
                outcome = outcome_to_json(
                    decide(SAMPLE_DECISION_RULE, scale, total, present), SAMPLE_DECISION_RULE
                )
            row = DecisionRow(
                meeting_id=first.id, item_id=item.id, position=position, wording=wording,
                proposer_id=people[proposer].id, draws_on=draws_on, scale=scale.value, by_sector=by_sector,
                counts=json.dumps(stored, sort_keys=True), disposition=disposition.value, note=note,
                outcome=outcome, recorded_at=recorded, created_at=recorded,
            )  # fmt: skip
            session.add(row)
            decisions.append(row)
        session.flush()
        for position, (what, owner, due_days, decision) in enumerate(ACTIONS):
            person = people[owner]
            session.add(
                ActionItemRow(
                    collaborative_id=first.collaborative_id,
                    meeting_id=first.id,
                    decision_id=decisions[decision].id if decision is not None else None,
                    position=position,
                    what=what,
                    owner_id=person.id,
                    organisation=person.organisation,
                    due=(second.starts_at - timedelta(days=due_days)).date().isoformat(),
                    status="open",
                    created_at=recorded,
                )
            )
        for position, text in enumerate(PARKED):
            session.add(ParkedItemRow(meeting_id=first.id, position=position, text=text, created_at=recorded))
        session.add(
            MeetingRecordRow(
                meeting_id=first.id,
                kind=MeetingKind.SPECIAL.value,
                previous_approval="",
                correction="",
                next_starts_at=second.starts_at,
                next_place=second.place,
            )
        )
        session.add(
            MeetingRecordRow(
                meeting_id=second.id,
                kind=MeetingKind.WORKSHOP.value,
                previous_approval="",
                correction="",
                next_place="",
            )
        )

    def _ground_rules(self, session: Session, item_id: int) -> None:
        rules = GroundRulesService(self.store, self.clock)
        starter = [
            StarterRule(kind, Wording(text, why, SAMPLE_DECISION_RULE if kind is RuleKind.DECISION else None))
            for kind, text, why, _checks in GROUND_RULES
        ]
        rules.open_in(session, item_id, starter)
        proposals = session.scalars(
            select(RuleProposalRow)
            .where(RuleProposalRow.item_id == item_id)
            .order_by(RuleProposalRow.position)
        ).all()
        for proposal, (_kind, _text, _why, checks) in zip(proposals, GROUND_RULES, strict=True):
            for revised, counts in checks:
                if revised:
                    proposal.text = revised
                rules.count_in(session, proposal.id, dict(zip(GRADIENT_CHOICES, counts, strict=True)))
                rules.record_in(session, item_id, proposal.id)

    def _brainstorm(self, session: Session, item_id: int, target_id: int, started: datetime) -> None:
        """The launch brainstorm as the group left it: clarified, merged, sorted into themes, dots
        counted off the wall, and its top ideas sent on as the nominal group's starting list."""
        settings: BrainstormRow = BrainstormService(self.store, self.clock).open_in(session, item_id)
        settings.attributed = False
        settings.dots_per_person = DEFAULT_DOTS_PER_PERSON
        settings.dot_entry = DotEntry.TOTALS.value
        settings.phase = Phase.RESULTS.value
        themes = [
            IdeaThemeRow(item_id=item_id, name=name, position=p) for p, (name, _) in enumerate(BRAINSTORM)
        ]
        session.add_all(themes)
        # Every idea as first called out, in the order it was called out (a minute or so apart).
        called = sorted(
            [(number, said) for _, ideas in BRAINSTORM for number, said, *_r in ideas]
            + [part for _, ideas in BRAINSTORM for *_r, parts in ideas for part in parts]
        )
        rows = {
            number: IdeaRow(
                item_id=item_id, number=number, text=said, key=idea_key(said), original=said,
                created_at=started + timedelta(seconds=40 * number),
            )
            for number, said in called
        }  # fmt: skip
        session.add_all(rows.values())
        session.flush()
        for theme, (_, ideas) in zip(themes, BRAINSTORM, strict=True):
            for number, _said, reworded, count, parts in ideas:
                row = rows[number]
                row.theme_id = theme.id
                if reworded:
                    row.text, row.key = reworded, idea_key(reworded)
                for part, _words in parts:
                    rows[part].merged_into_id = row.id
                if count:
                    session.add(IdeaDotsRow(item_id=item_id, idea_id=row.id, person_id=None, count=count))
        # What the service's send does, in this transaction: copies in the order of the results.
        everything = [
            Idea(r.id, r.number, r.text, r.original, None, r.theme_id, r.merged_into_id)
            for r in rows.values()
        ]
        dots = [
            Dots(rows[number].id, count) for _, group in BRAINSTORM for number, _s, _r, count, _p in group
        ]
        wall = [i for i in everything if i.merged_into is None]
        chosen = top(standings(wall, everything, dots), BRAINSTORM_SENT)
        session.add_all(
            IdeaRow(
                item_id=target_id, number=number, text=s.idea.text, key=idea_key(s.idea.text),
                original=s.idea.text, source_idea_id=s.idea.id, created_at=started + timedelta(minutes=30),
            )
            for number, s in enumerate(chosen, start=1)
        )  # fmt: skip

    def _nominal_group(self, session: Session, item: AgendaItemRow, started: datetime) -> None:
        """The launch nominal group as the group left it: the round robin after the starting list,
        one rewording and one agreed merge in clarification, both votes' cards, at the result. What
        the service's actions do, in this transaction (the cards read as the service reads them)."""
        settings = NominalGroupService(self.store, self.clock).open_in(session, item.id)
        settings.picks, settings.convention = NOMINAL_PICKS, Convention.TOP_PICKS.value
        settings.minutes = json.dumps({step.value: minutes for step, minutes in NOMINAL_MINUTES.items()})
        settings.step = Step.RESULT.value
        rows = {row.number: row for row in session.scalars(select(IdeaRow).where(IdeaRow.item_id == item.id))}
        present = {name: pid for pid, name, _sector in present_people(session, item.meeting_id)}
        robin = RoundRobin(tuple(present.values()))
        said = iter(NOMINAL_IDEAS)
        for turn, said_or_passed in enumerate(NOMINAL_TURNS + "-" * len(present)):
            if said_or_passed == "-":
                robin = robin.pass_turn()
                continue
            words, number = next(said), max(rows) + 1
            rows[number] = IdeaRow(
                item_id=item.id, number=number, text=words, key=idea_key(words), original=words,
                created_at=started + timedelta(seconds=45 * turn),
            )  # fmt: skip
            robin = robin.idea()
        assert robin.ended
        settings.turn_order, settings.turn = json.dumps(list(robin.order)), robin.turn
        settings.passes, settings.round_ended = robin.passes, robin.ended
        session.add_all(rows.values())
        session.flush()
        clarified = started + timedelta(minutes=25)
        for number, words in NOMINAL_REWORDED:
            row = rows[number]
            session.add(
                IdeaEditRow(item_id=item.id, idea_id=row.id, kind=EditKind.REWORDED.value, before=row.text,
                            after=words, created_at=clarified)
            )  # fmt: skip
            row.text, row.key = words, idea_key(words)
        for part, into, note in NOMINAL_MERGED:
            rows[part].merged_into_id = rows[into].id
            session.add(
                IdeaEditRow(item_id=item.id, idea_id=rows[into].id, kind=EditKind.MERGED.value,
                            before=rows[part].text, after=rows[into].text, other_number=part, note=note,
                            created_at=clarified + timedelta(minutes=4))
            )  # fmt: skip
        merged = {part for part, _into, _note in NOMINAL_MERGED}
        numbers = [number for number in sorted(rows) if number not in merged]
        for vote, cards, at in (
            (Vote.PRELIMINARY, PRELIMINARY_CARDS, started + timedelta(minutes=45)),
            (Vote.FINAL, FINAL_CARDS, started + timedelta(minutes=65)),
        ):
            for card, (name, typed) in enumerate(cards, start=1):
                ranks = read_ballot(typed, numbers, NOMINAL_PICKS)
                session.add(
                    BallotRow(item_id=item.id, vote=vote.value, card=card,
                              person_id=present[name] if name is not None else None, ranks=json.dumps(ranks),
                              convention=Convention.TOP_PICKS.value, picks=NOMINAL_PICKS, created_at=at)
                )  # fmt: skip

    def _idea_writing(self, session: Session, item: AgendaItemRow, started: datetime) -> None:
        """The launch idea writing as the groups left it: every sheet typed in but one (half done),
        one slip corrected, each group's main ideas reported, at the report. What the service's
        actions do, in this transaction: the groups as it makes them, each idea credited to whoever's
        turn it was to write on that sheet, and building on an idea of an earlier row."""
        settings = IdeaWritingService(self.store, self.clock).open_in(session, item.id)
        for name, value in WRITING_NUMBERS.items():
            setattr(settings, name, value)
        settings.extra = json.dumps({str(number): minutes for number, minutes in WRITING_EXTRA})
        settings.step, settings.round = WritingStep.REPORT.value, WRITING_NUMBERS["rounds"]
        present = {name: pid for pid, name, _sector in present_people(session, item.meeting_id)}
        groups = [WritingGroupRow(item_id=item.id, position=p) for p in range(len(WRITING_GROUPS))]
        session.add_all(groups)
        session.flush()
        sheets = {
            f"{GROUP_LETTERS[p]}{seat}": WritingMemberRow(
                item_id=item.id, group_id=groups[p].id, person_id=present[name], seat=seat
            )
            for p, names in enumerate(WRITING_GROUPS)
            for seat, name in enumerate(names, start=1)
        }
        session.add_all(sheets.values())
        session.flush()
        first_typed = {(code, r, slot): words for code, r, slot, words in WRITING_CORRECTED}
        ideas: dict[tuple[str, int, int], IdeaRow] = {}
        builds: dict[tuple[str, int, int], tuple[str, int, int] | None] = {}
        for code, rows in WRITING_SHEETS.items():
            names = WRITING_GROUPS[GROUP_LETTERS.index(code[0])]
            for round_number, row in enumerate(rows, start=1):
                seat = writer(int(code[1:]), round_number, len(names), Direction.LEFT)
                for slot, (words, above) in enumerate(row, start=1):
                    typed = started + timedelta(hours=13, seconds=30 * len(ideas))  # the next morning
                    ideas[(code, round_number, slot)] = IdeaRow(
                        item_id=item.id, number=len(ideas) + 1, text=words, key=idea_key(words),
                        original=first_typed.get((code, round_number, slot), words),
                        person_id=present[names[seat - 1]], created_at=typed,
                    )  # fmt: skip
                    builds[(code, round_number, slot)] = (code, *above) if above else None
        session.add_all(ideas.values())
        session.flush()
        session.add_all(
            WritingEntryRow(
                idea_id=idea.id, item_id=item.id, member_id=sheets[place[0]].id, round=place[1], slot=place[2],
                builds_on_id=ideas[on].id if (on := builds[place]) is not None else None,
            )
            for place, idea in ideas.items()
        )  # fmt: skip
        reported = started + timedelta(minutes=40)
        positions: dict[str, int] = {}
        for letter, words, picked in WRITING_SUMMARIES:
            positions[letter] = positions.get(letter, -1) + 1
            session.add(
                WritingSummaryRow(
                    item_id=item.id, group_id=groups[GROUP_LETTERS.index(letter)].id, position=positions[letter],
                    text=words, idea_id=ideas[picked].id if picked else None, created_at=reported,
                )
            )  # fmt: skip


def _close(meeting: MeetingRow) -> None:
    meeting.status = MeetingStatus.CLOSED.value
    meeting.started_at = meeting.starts_at
    # Every item took the time it was given, and the goodbyes five minutes more.
    meeting.closed_at = meeting.starts_at + timedelta(minutes=sum(f.minutes for f in FIRST_AGENDA) + 5)
