from hypothesis import given
from hypothesis import strategies as st

from holdmetight.domain.completion import (
    CompletionState,
    StepRecord,
    evaluate,
    merge_meetings,
)
from holdmetight.domain.enums import AttendanceStatus

P, L, E, A = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.ABSENT,
)


def steps(*pairs):
    return [StepRecord(n, True, a, b) for n, (a, b) in enumerate(pairs, start=1)]


def test_six_of_eight_with_both_partners_completes():
    done = evaluate(
        steps(*[(P, P)] * 5, (L, P), (A, A), (E, E)), required=6, total=8, finished=True
    )
    assert (done.state, done.attended, done.missed) == (CompletionState.COMPLETED, 6, 2)


def test_one_partner_absent_means_the_step_was_missed():
    result = evaluate(steps((P, A), (P, P)), required=6, total=8, finished=False)
    assert (result.attended, result.missed, result.state) == (1, 1, CompletionState.ON_TRACK)


def test_two_missed_steps_put_a_couple_at_risk_three_make_it_impossible():
    assert (
        evaluate(steps((P, P), (A, A), (E, P)), required=6, total=8, finished=False).state
        is CompletionState.AT_RISK
    )
    assert (
        evaluate(steps((A, A), (E, P), (P, A)), required=6, total=8, finished=False).state
        is CompletionState.NOT_COMPLETED
    )


def test_make_up_meeting_counts_for_its_step_and_cancelled_ones_do_not():
    merged = merge_meetings([(2, True, A, A), (2, True, P, P), (3, False, None, None)])
    assert [(s.position, s.attended, s.held) for s in merged] == [
        (2, True, True),
        (3, False, False),
    ]


def test_attendance_not_yet_recorded_is_not_counted_as_missed():
    result = evaluate(steps((P, None), (None, None)), required=6, total=8, finished=False)
    assert (result.attended, result.missed, result.state) == (0, 0, CompletionState.ON_TRACK)


def test_a_finished_course_below_the_rule_is_not_completed():
    result = evaluate(steps(*[(P, P)] * 5), required=6, total=8, finished=True)
    assert result.state is CompletionState.NOT_COMPLETED


statuses = st.sampled_from([P, L, E, A, None])


@given(st.lists(st.tuples(statuses, statuses), max_size=8), st.integers(0, 8), st.booleans())
def test_counts_always_add_up(pairs, required, finished):
    result = evaluate(steps(*pairs), required=required, total=8, finished=finished)
    assert result.attended + result.missed <= len(pairs)
    assert (result.state is CompletionState.COMPLETED) == (result.attended >= required)


def test_where_one_partner_is_enough_a_step_counts_when_either_came():
    meetings = [(1, True, P, A), (2, True, A, L), (3, True, A, A), (4, True, E, None)]
    strict = evaluate(merge_meetings(meetings), required=2, total=8, finished=False)
    lenient = evaluate(
        merge_meetings(meetings, both_partners=False), required=2, total=8, finished=False
    )
    assert (strict.attended, strict.missed) == (0, 4)
    assert (lenient.attended, lenient.missed) == (2, 2)
    assert lenient.state is CompletionState.COMPLETED


@given(
    st.lists(
        st.tuples(
            st.integers(1, 8),
            st.booleans(),
            st.sampled_from([*AttendanceStatus, None]),
            st.sampled_from([*AttendanceStatus, None]),
        ),
        max_size=12,
    )
)
def test_one_partner_rule_never_counts_fewer_steps_than_both_partners(meetings):
    strict = evaluate(merge_meetings(meetings), required=6, total=8, finished=False)
    lenient = evaluate(
        merge_meetings(meetings, both_partners=False), required=6, total=8, finished=False
    )
    assert lenient.attended >= strict.attended
    assert lenient.attended + lenient.missed <= len({m[0] for m in meetings})
