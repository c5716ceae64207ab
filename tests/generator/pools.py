"""Generic wording pools for replies (written for this generator; no survey-specific words here)."""

from __future__ import annotations

TEAMS = ["Information Governance Team", "FOI Team", "Information Management Service", "Data Protection and FOI Unit",
         "Access to Information Team", "Information Rights Team", "Corporate Information Unit",
         "Information Compliance Team", "Transparency Team"]
STREETS = ["Civic Centre, Market Street", "Town Hall, High Street", "County Hall, Westgate",
           "Council Offices, Station Road",
           "The Guildhall, Castle Square", "Civic Offices, Church Lane", "Municipal Buildings, Victoria Road",
           "One Riverside, Quay Street", "Council House, Park Road"]
NAMES = ["Priya Shah", "Daniel Hughes", "Sarah Connolly", "Mohammed Iqbal", "Joanne Price", "Tom Whitfield",
         "Aisha Begum", "Gareth Lloyd", "Helen Marsh", "Chidi Okafor", "Rebecca Nolan", "Stuart Fenwick",
         "Lucy Tan", "Martin Doyle", "Kirsty Ellis", "Nadia Rahman"]
ROLES = ["Information Governance Officer", "FOI Officer", "Information Rights Adviser", "Senior FOI Case Officer",
         "Information Compliance Officer", "Access to Information Lead", "Data Protection and FOI Officer"]
SALUTATIONS = ["Dear Requester,", "Dear Sir or Madam,", "Dear Ms Adeyemi,", "Dear Applicant,", "Dear Research Team,",
               "Dear {requester},"]
SUBJECTS = ["Freedom of Information Act 2000 - request {ref}", "FREEDOM OF INFORMATION REQUEST {ref}",
            "Your request for information - reference {ref}", "Re: FOI {ref}", "Request for information: {ref}",
            "Information request {ref} - response"]
INTROS = [
    "Thank you for your request for information, which we received on {sent}. It has been handled under the "
    "Freedom of Information Act 2000.",
    "I write in reply to your request of {sent}. We have dealt with it under the Freedom of Information Act 2000 "
    "and our answers are set out below.",
    "We received your information request on {sent}. Please find the council's response below.",
    "Further to your e-mail of {sent}, I can now respond to your request for information.",
    "Your request has been considered under the Freedom of Information Act 2000. The information we hold is "
    "given below, with each of your questions repeated for ease of reference.",
]
PERIOD_LINES = ["Figures are for {label}.", "The data covers {start} to {end}.",
                "All figures relate to the period {start} - {end}.", "Reporting period: {label}.",
                "Data is for {start_num} to {end_num}."]
CLOSINGS = [
    "If you are unhappy with the way your request has been handled you may ask for an internal review within "
    "40 working days of this letter. You may also complain to the Information Commissioner's Office.",
    "Should you wish to appeal this decision, please write to the Information Governance Manager at the address "
    "above. If you remain dissatisfied after the review you may contact the ICO (www.ico.org.uk).",
    "You have the right to request an internal review of this response. After that, you may apply to the "
    "Information Commissioner for a decision.",
    "Please quote the reference above in any further correspondence about this request.",
]
LICENCE = ["Information released under this Act may be re-used under the Open Government Licence v3.0.",
           "Most information we provide can be re-used under the Open Government Licence, unless stated otherwise.",
           ""]
SIGNOFFS = ["Yours sincerely,", "Yours faithfully,", "Kind regards,", "With regards,"]
MARKINGS = ["OFFICIAL", "OFFICIAL - PUBLIC", "NOT PROTECTIVELY MARKED", "OFFICIAL-SENSITIVE (when complete)"]
ANSWER_LEADS = ["Response:", "Answer:", "Our response:", "Reply:", "A:", "Council response:", ""]

NOT_HELD = [
    "This information is not held.", "The council does not hold this information.",
    "We do not record this information.", "This is not something we collect, so the information is not held.",
    "Our case management system does not capture this, so we hold no recorded information.",
    "Not recorded.",
]
NOT_HELD_CELL = ["Not held", "Not recorded", "Information not held", "Not collected", "Data not held"]
NOT_HELD_PLURAL = ["We do not hold this information for either group.",
                   "Neither figure is recorded by the council, so the information is not held."]
REFUSAL_REASON = {
    "s.12": ["To answer this would mean reading individual case records, and we estimate that would exceed the "
             "18-hour appropriate limit. This part is therefore refused under section 12 of the Act.",
             "This information is exempt under section 12 (cost of compliance), as extracting it would take longer "
             "than the appropriate limit allows."],
    "s.21": ["This information is already published and so is exempt under section 21 (information reasonably "
             "accessible by other means). It can be found in the council's published statistics.",
             "Exempt under section 21 of the Act: the figures are available in the government's published returns."],
    "s.22": ["We intend to publish this data in our annual report later this year, so it is withheld under "
             "section 22 (information intended for future publication).",
             "This is refused under section 22 of the Act, as the figures will be published in the autumn."],
    "s.43": ["This is commercially sensitive and is withheld under section 43(2) of the Act.",
             "We consider that releasing this would prejudice commercial interests, so section 43 applies."],
    "s.14": ["The request is refused under section 14 of the Act."],
    "s.31": ["This is withheld under section 31 (law enforcement)."],
}
REFUSED_CELL = {"s.12": ["Exempt (s.12)", "Refused - section 12", "s.12 cost limit", "Exempt under s12"],
                "s.21": ["Exempt (s.21)", "s.21 - published elsewhere", "Refused - section 21"],
                "s.22": ["Exempt (s.22)", "Withheld - s.22", "Refused under section 22"],
                "s.43": ["Exempt (s.43)", "Withheld - commercial (s.43)", "Refused - section 43"],
                "s.14": ["Refused (s.14)"], "s.31": ["Exempt (s.31)"]}
SUPPRESSION_NOTES = [
    "Figures between 1 and 4 have been replaced with {m} to protect the identity of individuals (section 40).",
    "Where a number is below five it is shown as {m}, because small numbers could identify individuals.",
    "Note: {m} indicates a number too small to release without risk of identifying individuals.",
    "To avoid identifying individuals, small numbers are suppressed and shown as {m}.",
]
APPROX_WORDS = ["approximately {n}", "around {n}", "c. {n}", "approx. {n}", "roughly {n}", "about {n}"]
COMBINED_CELL = ["{n} (both groups combined)", "{n} - total for both groups", "{n} (not split by group)"]
COMBINED_SENT = ["We are unable to separate the two groups: the combined figure is {n}.",
                 "Our system does not split this by group. The total for both groups together is {n}.",
                 "The figure of {n} covers both groups; it cannot be broken down further."]
SEE_ALSO = ["Please see the response to Question {n}.", "See our answer to question {n} above.",
            "As per the response to Q{n}.", "Please refer to our answer to Question {n}."]
SYSTEM_CHANGE = ["We moved to a new case management system in April {y}; figures before that date are not held.",
                 "Records before April {y} were not migrated to our current system, so earlier data is not held."]
FOOTNOTES = ["Figure taken from the case management system on the date of this response.",
             "Provisional: the figure may change slightly once the annual return is validated.",
             "Counted at the date the record was closed.",
             "Excludes records still open at the end of the period."]
WHOLE_REFUSAL = [
    "I am sorry to tell you that we are unable to answer your request. The information is held across "
    "{records:,} individual case records, and at an estimated {minutes} minutes per record it would take "
    "{hours} hours to locate, retrieve and extract it. This is more than the appropriate limit of 18 hours "
    "(£450) and so the council is refusing the request under section 12 of the Freedom of Information Act 2000.",
    "The council holds the information you asked for, but not in a form that can be reported. Answering would "
    "mean reviewing about {records:,} records; we estimate this would take {hours} hours, well over the 18-hour "
    "limit set in regulations. Your request is therefore refused under section 12(1) of the Act.",
    "Having considered your request, we estimate that complying with it would exceed the cost limit. Around "
    "{records:,} files would have to be checked by hand, at roughly {minutes} minutes each ({hours} hours in all). "
    "Section 12 applies to the whole request, and we are therefore unable to provide the information.",
]
WHOLE_REFUSAL_14 = ["We consider this request to be repeated, and it is refused under section 14(2) of the Act. "
                    "No information is provided in response to any of the questions."]
ADVICE = ["You may wish to narrow your request, for example to a shorter period or to one question; a refined "
          "request would be treated as new.",
          "Under section 16 we suggest that you consider reducing the scope of your request."]
INTRO_TABLE = ["The figures you asked for are set out in the table below.", "Please see the table below.",
               "The information is provided in the following table.", "Our figures are given below."]
ATTACHED = ["The figures are provided in the attached spreadsheet.", "Please see the attached file for the data.",
            "The information requested is attached in Excel format.", "The data is in the attached file."]
QUARTER_LABELS = [["Q1 {fy}", "Q2 {fy}", "Q3 {fy}", "Q4 {fy}"],
                  ["Apr-Jun {y1}", "Jul-Sep {y1}", "Oct-Dec {y1}", "Jan-Mar {y2}"],
                  ["Quarter 1", "Quarter 2", "Quarter 3", "Quarter 4"],
                  ["April - June", "July - September", "October - December", "January - March"]]
MONTHS = ["April", "May", "June", "July", "August", "September", "October", "November", "December", "January",
          "February", "March"]
TOTAL_WORDS = ["Total", "Year total", "Full year", "Total {fy}", "TOTAL"]
