"""Wording pools for the layout families taken from real published replies (see REAL_SHAPES.md); generic words only."""

from __future__ import annotations

PAGE_HEADS = ["Freedom of information response", "FOI release", "Find a freedom of information request",
              "Disclosure log", "See answers to previous information requests", "FOI request details",
              "Information request - published response"]
OUTCOME_BANNERS = {
    "replied": ["All of the information requested was provided.", "Outcome: information supplied in full.",
                "Response (all information supplied)"],
    "partial": ["This request was answered in part, so some of the information asked for was not provided.",
                "Outcome: part disclosed, part exempt or not held.", "Response (some exempt / not held)"],
    "refused": ["This request was refused in full, so none of the information asked for was provided.",
                "Outcome: refused.", "Response (refused)"],
}
REQUEST_INTROS = ["I am requesting the following information under the Freedom of Information Act.",
                  "Under the Freedom of Information Act 2000, please provide the following.",
                  "This is a request for information under the Freedom of Information Act 2000.",
                  "Please could you answer the questions below."]
REQUEST_PERIOD = ["I would like the data for the period {phrase}.", "Please give figures for {phrase}.",
                  "The questions relate to {phrase}.", "We are requesting data for the period {phrase}."]
RESPONSE_HEADS = ["Response", "Decision", "Our response", "Information provided", "Answer", "Council response"]
HELD_LINES = ["I can confirm that the information requested is held by {council}. I have detailed below the "
              "information that is being released to you.",
              "{council} holds some of this information. Where we are able to release it, our response is below.",
              "The Freedom of Information Act 2000 requires us to confirm whether we hold the information. I can "
              "confirm that it is held and our response is set out below."]
PAGE_FEET = ["Was this page helpful? Yes / No", "Give website feedback", "Rate this page", "Back to top",
             "Share this page"]
META_BOTTOM = [("Reference number", "Date request received", "Date of decision"),
               ("Request ID", "Date received", "Date resolved"),
               ("Case reference", "Received", "Published")]
BLUE = ["You asked for the following information; please see our responses below in blue.",
        "Our answers are given beneath each of your questions.",
        "Please see the responses below, which follow the order of your questions."]
ACK = ["Thank you for your request for information, which we received on {got}. Your request is being considered "
       "and you will receive a response within the statutory timescale of 20 working days, which is by {due}. "
       "Please quote reference {ref} in any further correspondence.",
       "We acknowledge your request of {got}, reference {ref}. We have up to 20 working days to deal with it; if we "
       "need clarification we will contact you, and the 20 working-day period will then restart.",
       "This is an automated acknowledgement of your request ({ref}), received {got}. We aim to respond in full "
       "within 20 working days (by {due})."]
NOTES_HEAD = ["Notes:", "Please note:", "Data notes", "Caveats"]
NOTE_LINES = ["Figures were extracted from the case management system on {run}.",
              "Data is as recorded at {run} and may change as records are updated.",
              "Figures are taken from a report run on {run}; they may differ slightly from published returns.",
              "Counts follow the definitions in the {y} statutory return.",
              "Records created before 1 April {y0} were migrated from a previous system."]
INTERPRET = ["We have read 'the period' as {phrase}.", "We have assumed that you would like figures for {phrase}.",
             "Where a question says 'in the period', we have taken this to mean {phrase}."]
AFTER_NOTES = ["(extracted {run})", "(data as at {run})", "(report run {run})", "- provisional, see note {n}",
               "(see note {n})", "({k} of these were recorded in the final quarter)",
               "(this includes {k} cases transferred in from other authorities)",
               "(figure checked against the {y} return)", "(provisional; {k} records still to be validated)"]
MONEY_NOTES = ["(gross figure, before income of {m})", "(outturn, unaudited; the budget was {b})",
               "(includes {m} of one-off costs)"]
PCT_NOTES = ["(based on {k} cases)", "({k} cases in all)", "(of {k} placements)"]
S12_COSTED = [
    "We do not hold this in a form that can be extracted. Answering would mean reading about {records:,} case "
    "records; at {minutes} minutes each that is {total:,} minutes, or {hours} hours. This is more than the "
    "appropriate limit of 18 hours (£450), so this part of your request is refused under section 12 of the Act.",
    "This information is exempt under section 12(1) (cost of compliance). It would take around {minutes} minutes "
    "per record to review {records:,} records - roughly {hours} hours, well over the 18-hour limit.",
    "To identify, locate and retrieve this we would have to examine {records:,} files by hand. Even at {minutes} "
    "minutes per file this would take in the region of {hours} hours, over the 18 hours set by the Freedom of "
    "Information and Data Protection (Appropriate Limit and Fees) Regulations 2004. Section 12 therefore applies.",
]
S21_URL = ["This information is exempt under section 21 of the Act, as it is reasonably accessible to you by other "
           "means: it is published at https://www.gov.uk/government/statistics (table {t}, {y} release).",
           "Section 21 applies: the figures are already published in the national statistics for {y} "
           "(see https://explore-education-statistics.service.gov.uk, table {t}). Please take this as a refusal "
           "notice under section 17 of the Act."]
S22_DATED = ["This will be published in our annual report on {when}, so it is withheld under section 22 "
             "(information intended for future publication).",
             "We intend to publish these figures in {when}; section 22 of the Act applies and the information is "
             "withheld until then."]
S40_SMALL = ["Fewer than 5. Where a figure is between 1 and 4 we do not give the exact number, as doing so could "
             "identify individuals; this is withheld under section 40(2) of the Act.",
             "Less than five. Low figures are considered exempt under section 40(2) of the Freedom of Information "
             "Act 2000 where disclosure could allow a living individual to be identified.",
             "The number is fewer than 5 and we are unable to give the exact figure, as it could identify "
             "individuals (section 40(2) and (3)). There is no public interest test for this absolute exemption."]
NOT_HELD_WHY = ["We do not record this information, so it is not held.",
                "This is not a field on our recording system; the council therefore does not hold this information.",
                "No data available - this is not something we collect."]
AS_ABOVE = ["As above.", "See above.", "Please refer to the response to question {n} above.",
            "In response to this question, please see our answer to question {n}."]
