"""Baseline schema: every table of the domain model.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-24
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('os_user', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_at'), ['at'], unique=False)

    op.create_table('facilitator',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('given_name', sa.String(length=100), nullable=False),
    sa.Column('name_prefix', sa.String(length=30), nullable=False),
    sa.Column('family_name', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('eft_trained', sa.Boolean(), nullable=False),
    sa.Column('hmt_trained', sa.Boolean(), nullable=False),
    sa.Column('sort_key', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_facilitator'))
    )
    with op.batch_alter_table('facilitator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_facilitator_sort_key'), ['sort_key'], unique=False)

    op.create_table('fee_scale',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('basis', sa.Enum('absolute', 'percent_of_norm', name='feebasis', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.CheckConstraint('valid_to IS NULL OR valid_to >= valid_from', name=op.f('ck_fee_scale_period_ordered')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_scale')),
    sa.UniqueConstraint('name', name=op.f('uq_fee_scale_name'))
    )
    op.create_table('organisation',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=400), nullable=False),
    sa.Column('postcode', sa.String(length=10), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('logo_png', sa.LargeBinary(), nullable=True),
    sa.Column('default_language', sa.Enum('nl', 'en', name='language', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('time_zone', sa.String(length=64), nullable=False),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation'))
    )
    op.create_table('program',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name_nl', sa.String(length=200), nullable=False),
    sa.Column('name_en', sa.String(length=200), nullable=False),
    sa.Column('variant', sa.Enum('weekly', 'intensive', 'other', name='programvariant', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('description_nl', sa.Text(), nullable=False),
    sa.Column('description_en', sa.Text(), nullable=False),
    sa.Column('shipped', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_program')),
    sa.UniqueConstraint('code', name=op.f('uq_program_code'))
    )
    op.create_table('social_minimum_norm',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('household_type', sa.Enum('living_together', 'living_together_pension_age', 'living_apart', name='householdtype', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('monthly_cents', sa.Integer(), nullable=False),
    sa.CheckConstraint('monthly_cents > 0', name=op.f('ck_social_minimum_norm_norm_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_social_minimum_norm')),
    sa.UniqueConstraint('year', 'household_type', name=op.f('uq_social_minimum_norm_year_household_type'))
    )
    op.create_table('venue',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=400), nullable=False),
    sa.Column('postcode', sa.String(length=10), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_venue')),
    sa.UniqueConstraint('name', name=op.f('uq_venue_name'))
    )
    op.create_table('course',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.Enum('nl', 'en', name='language', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('planned', 'open', 'running', 'completed', 'cancelled', name='coursestatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('funding_municipality', sa.String(length=100), nullable=False),
    sa.Column('fee_scale_id', sa.Integer(), nullable=True),
    sa.Column('completion_min_steps', sa.Integer(), nullable=False),
    sa.Column('cancel_reason', sa.String(length=400), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('capacity >= 1 AND capacity <= 30', name=op.f('ck_course_capacity_range')),
    sa.CheckConstraint('completion_min_steps >= 0', name=op.f('ck_course_completion_min_steps_positive')),
    sa.ForeignKeyConstraint(['fee_scale_id'], ['fee_scale.id'], name=op.f('fk_course_fee_scale_id_fee_scale'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_course_program_id_program'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], name=op.f('fk_course_venue_id_venue'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course')),
    sa.UniqueConstraint('code', name=op.f('uq_course_code'))
    )
    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_fee_scale_id'), ['fee_scale_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_course_program_id'), ['program_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_course_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_course_venue_id'), ['venue_id'], unique=False)

    op.create_table('fee_band',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fee_scale_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=100), nullable=False),
    sa.Column('income_from', sa.Integer(), nullable=False),
    sa.Column('income_to', sa.Integer(), nullable=True),
    sa.Column('fee_cents', sa.Integer(), nullable=False),
    sa.CheckConstraint('fee_cents >= 0', name=op.f('ck_fee_band_fee_not_negative')),
    sa.CheckConstraint('income_from >= 0', name=op.f('ck_fee_band_from_not_negative')),
    sa.CheckConstraint('income_to IS NULL OR income_to > income_from', name=op.f('ck_fee_band_bounds_ordered')),
    sa.ForeignKeyConstraint(['fee_scale_id'], ['fee_scale.id'], name=op.f('fk_fee_band_fee_scale_id_fee_scale'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_band')),
    sa.UniqueConstraint('fee_scale_id', 'position', name=op.f('uq_fee_band_fee_scale_id_position'))
    )
    with op.batch_alter_table('fee_band', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fee_band_fee_scale_id'), ['fee_scale_id'], unique=False)

    op.create_table('program_step',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('title_nl', sa.String(length=200), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('day', sa.Integer(), nullable=True),
    sa.CheckConstraint('day IS NULL OR day >= 1', name=op.f('ck_program_step_day_positive')),
    sa.CheckConstraint('duration_minutes > 0', name=op.f('ck_program_step_duration_positive')),
    sa.CheckConstraint('position >= 1', name=op.f('ck_program_step_position_positive')),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_program_step_program_id_program'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_program_step')),
    sa.UniqueConstraint('program_id', 'code', name=op.f('uq_program_step_program_id_code')),
    sa.UniqueConstraint('program_id', 'position', name=op.f('uq_program_step_program_id_position'))
    )
    with op.batch_alter_table('program_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_program_step_program_id'), ['program_id'], unique=False)

    op.create_table('room',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=True),
    sa.CheckConstraint('capacity IS NULL OR capacity > 0', name=op.f('ck_room_capacity_positive')),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], name=op.f('fk_room_venue_id_venue'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_room')),
    sa.UniqueConstraint('venue_id', 'name', name=op.f('uq_room_venue_id_name'))
    )
    with op.batch_alter_table('room', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_room_venue_id'), ['venue_id'], unique=False)

    op.create_table('couple',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('postcode', sa.String(length=7), nullable=False),
    sa.Column('municipality', sa.String(length=100), nullable=False),
    sa.Column('referral_source', sa.Enum('self', 'social_worker', 'gp', 'district_team', 'other', name='referralsource', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('consent_date', sa.Date(), nullable=True),
    sa.Column('household_type', sa.Enum('living_together', 'living_together_pension_age', 'living_apart', name='householdtype', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('income_band_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('anonymised_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['income_band_id'], ['fee_band.id'], name=op.f('fk_couple_income_band_id_fee_band'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_couple'))
    )
    with op.batch_alter_table('couple', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_couple_income_band_id'), ['income_band_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_couple_municipality'), ['municipality'], unique=False)
        batch_op.create_index(batch_op.f('ix_couple_postcode'), ['postcode'], unique=False)

    op.create_table('course_facilitator',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('facilitator_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('lead', 'co', name='facilitatorrole', native_enum=False, create_constraint=True), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_course_facilitator_course_id_course'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['facilitator_id'], ['facilitator.id'], name=op.f('fk_course_facilitator_facilitator_id_facilitator'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_facilitator')),
    sa.UniqueConstraint('course_id', 'facilitator_id', name=op.f('uq_course_facilitator_course_id_facilitator_id'))
    )
    with op.batch_alter_table('course_facilitator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_facilitator_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_course_facilitator_facilitator_id'), ['facilitator_id'], unique=False)

    op.create_table('course_step',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('program_step_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('title_nl', sa.String(length=200), nullable=False),
    sa.Column('title_en', sa.String(length=200), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.CheckConstraint('duration_minutes > 0', name=op.f('ck_course_step_duration_positive')),
    sa.CheckConstraint('position >= 1', name=op.f('ck_course_step_position_positive')),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_course_step_course_id_course'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['program_step_id'], ['program_step.id'], name=op.f('fk_course_step_program_step_id_program_step'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_step')),
    sa.UniqueConstraint('course_id', 'position', name=op.f('uq_course_step_course_id_position'))
    )
    with op.batch_alter_table('course_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_step_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_course_step_program_step_id'), ['program_step_id'], unique=False)

    op.create_table('enrollment',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('couple_id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('applied', 'enrolled', 'waitlisted', 'completed', 'withdrawn', 'referred', name='enrollmentstatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('applied_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status_reason', sa.String(length=400), nullable=False),
    sa.Column('override_reason', sa.String(length=400), nullable=False),
    sa.Column('closing_date', sa.Date(), nullable=True),
    sa.Column('closing_advice', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['couple_id'], ['couple.id'], name=op.f('fk_enrollment_couple_id_couple'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_enrollment_course_id_course'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrollment')),
    sa.UniqueConstraint('couple_id', 'course_id', name=op.f('uq_enrollment_couple_id_course_id'))
    )
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enrollment_couple_id'), ['couple_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_enrollment_course_id'), ['course_id'], unique=False)
        batch_op.create_index('ix_enrollment_course_status', ['course_id', 'status'], unique=False)

    op.create_table('group_session',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('course_step_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.Column('venue_id', sa.Integer(), nullable=True),
    sa.Column('room_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('scheduled', 'held', 'cancelled', name='groupsessionstatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('is_makeup', sa.Boolean(), nullable=False),
    sa.Column('cancel_reason', sa.String(length=400), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.CheckConstraint('end_time > start_time', name=op.f('ck_group_session_ends_after_start')),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_group_session_course_id_course'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['course_step_id'], ['course_step.id'], name=op.f('fk_group_session_course_step_id_course_step'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['room_id'], ['room.id'], name=op.f('fk_group_session_room_id_room'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['venue_id'], ['venue.id'], name=op.f('fk_group_session_venue_id_venue'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_group_session'))
    )
    with op.batch_alter_table('group_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_group_session_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_session_course_step_id'), ['course_step_id'], unique=False)
        batch_op.create_index('ix_group_session_date_start', ['date', 'start_time'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_session_room_id'), ['room_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_group_session_venue_id'), ['venue_id'], unique=False)

    op.create_table('intake',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('couple_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('facilitator_id', sa.Integer(), nullable=True),
    sa.Column('traffic_light', sa.Enum('green', 'orange', 'red', name='trafficlight', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('outcome', sa.Enum('suitable', 'refer', 'not_suitable', name='intakeoutcome', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('referral_destination', sa.String(length=200), nullable=False),
    sa.Column('flag_affair', sa.Boolean(), nullable=False),
    sa.Column('flag_violence', sa.Boolean(), nullable=False),
    sa.Column('flag_addiction', sa.Boolean(), nullable=False),
    sa.Column('flag_mental_disorder', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['couple_id'], ['couple.id'], name=op.f('fk_intake_couple_id_couple'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['facilitator_id'], ['facilitator.id'], name=op.f('fk_intake_facilitator_id_facilitator'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intake'))
    )
    with op.batch_alter_table('intake', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_intake_couple_id'), ['couple_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_intake_facilitator_id'), ['facilitator_id'], unique=False)

    op.create_table('partner',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('couple_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('given_name', sa.String(length=100), nullable=False),
    sa.Column('name_prefix', sa.String(length=30), nullable=False),
    sa.Column('family_name', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('preferred_language', sa.Enum('nl', 'en', name='language', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('sort_key', sa.String(length=300), nullable=False),
    sa.CheckConstraint('position IN (1, 2)', name=op.f('ck_partner_position_one_or_two')),
    sa.ForeignKeyConstraint(['couple_id'], ['couple.id'], name=op.f('fk_partner_couple_id_couple'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner')),
    sa.UniqueConstraint('couple_id', 'position', name=op.f('uq_partner_couple_id_position'))
    )
    with op.batch_alter_table('partner', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_couple_id'), ['couple_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partner_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_partner_sort_key'), ['sort_key'], unique=False)

    op.create_table('attendance',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enrollment_id', sa.Integer(), nullable=False),
    sa.Column('group_session_id', sa.Integer(), nullable=False),
    sa.Column('partner1', sa.Enum('present', 'late', 'excused', 'absent', name='partner1_status', native_enum=False, create_constraint=True), nullable=True),
    sa.Column('partner2', sa.Enum('present', 'late', 'excused', 'absent', name='partner2_status', native_enum=False, create_constraint=True), nullable=True),
    sa.ForeignKeyConstraint(['enrollment_id'], ['enrollment.id'], name=op.f('fk_attendance_enrollment_id_enrollment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['group_session_id'], ['group_session.id'], name=op.f('fk_attendance_group_session_id_group_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance')),
    sa.UniqueConstraint('enrollment_id', 'group_session_id', name=op.f('uq_attendance_enrollment_id_group_session_id'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_enrollment_id'), ['enrollment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_group_session_id'), ['group_session_id'], unique=False)

    op.create_table('fee_assessment',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('enrollment_id', sa.Integer(), nullable=False),
    sa.Column('fee_band_id', sa.Integer(), nullable=True),
    sa.Column('band_fee_cents', sa.Integer(), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('reduction_reason', sa.String(length=400), nullable=False),
    sa.Column('assessed_on', sa.Date(), nullable=False),
    sa.Column('assessed_by', sa.String(length=100), nullable=False),
    sa.Column('income_checked_by', sa.String(length=100), nullable=False),
    sa.Column('income_checked_on', sa.Date(), nullable=True),
    sa.CheckConstraint('amount_cents >= 0', name=op.f('ck_fee_assessment_amount_not_negative')),
    sa.CheckConstraint('band_fee_cents >= 0', name=op.f('ck_fee_assessment_band_fee_not_negative')),
    sa.ForeignKeyConstraint(['enrollment_id'], ['enrollment.id'], name=op.f('fk_fee_assessment_enrollment_id_enrollment'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['fee_band_id'], ['fee_band.id'], name=op.f('fk_fee_assessment_fee_band_id_fee_band'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fee_assessment')),
    sa.UniqueConstraint('enrollment_id', name=op.f('uq_fee_assessment_enrollment_id'))
    )
    with op.batch_alter_table('fee_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fee_assessment_fee_band_id'), ['fee_band_id'], unique=False)

    op.create_table('payment',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fee_assessment_id', sa.Integer(), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('method', sa.Enum('cash', 'pin', 'bank_transfer', 'voucher', 'other', name='paymentmethod', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('amount_cents <> 0', name=op.f('ck_payment_amount_not_zero')),
    sa.ForeignKeyConstraint(['fee_assessment_id'], ['fee_assessment.id'], name=op.f('fk_payment_fee_assessment_id_fee_assessment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment'))
    )
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_fee_assessment_id'), ['fee_assessment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_payment_paid_on'), ['paid_on'], unique=False)

    op.create_table('waiver',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fee_assessment_id', sa.Integer(), nullable=False),
    sa.Column('amount_cents', sa.Integer(), nullable=False),
    sa.Column('reason', sa.String(length=400), nullable=False),
    sa.Column('granted_on', sa.Date(), nullable=False),
    sa.Column('granted_by', sa.String(length=100), nullable=False),
    sa.CheckConstraint('amount_cents > 0', name=op.f('ck_waiver_amount_positive')),
    sa.ForeignKeyConstraint(['fee_assessment_id'], ['fee_assessment.id'], name=op.f('fk_waiver_fee_assessment_id_fee_assessment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_waiver'))
    )
    with op.batch_alter_table('waiver', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_waiver_fee_assessment_id'), ['fee_assessment_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('waiver', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_waiver_fee_assessment_id'))

    op.drop_table('waiver')
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_paid_on'))
        batch_op.drop_index(batch_op.f('ix_payment_fee_assessment_id'))

    op.drop_table('payment')
    with op.batch_alter_table('fee_assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fee_assessment_fee_band_id'))

    op.drop_table('fee_assessment')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_group_session_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_enrollment_id'))

    op.drop_table('attendance')
    with op.batch_alter_table('partner', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_sort_key'))
        batch_op.drop_index(batch_op.f('ix_partner_email'))
        batch_op.drop_index(batch_op.f('ix_partner_couple_id'))

    op.drop_table('partner')
    with op.batch_alter_table('intake', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_intake_facilitator_id'))
        batch_op.drop_index(batch_op.f('ix_intake_couple_id'))

    op.drop_table('intake')
    with op.batch_alter_table('group_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_group_session_venue_id'))
        batch_op.drop_index(batch_op.f('ix_group_session_room_id'))
        batch_op.drop_index('ix_group_session_date_start')
        batch_op.drop_index(batch_op.f('ix_group_session_course_step_id'))
        batch_op.drop_index(batch_op.f('ix_group_session_course_id'))

    op.drop_table('group_session')
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.drop_index('ix_enrollment_course_status')
        batch_op.drop_index(batch_op.f('ix_enrollment_course_id'))
        batch_op.drop_index(batch_op.f('ix_enrollment_couple_id'))

    op.drop_table('enrollment')
    with op.batch_alter_table('course_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_step_program_step_id'))
        batch_op.drop_index(batch_op.f('ix_course_step_course_id'))

    op.drop_table('course_step')
    with op.batch_alter_table('course_facilitator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_facilitator_facilitator_id'))
        batch_op.drop_index(batch_op.f('ix_course_facilitator_course_id'))

    op.drop_table('course_facilitator')
    with op.batch_alter_table('couple', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_couple_postcode'))
        batch_op.drop_index(batch_op.f('ix_couple_municipality'))
        batch_op.drop_index(batch_op.f('ix_couple_income_band_id'))

    op.drop_table('couple')
    with op.batch_alter_table('room', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_room_venue_id'))

    op.drop_table('room')
    with op.batch_alter_table('program_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_program_step_program_id'))

    op.drop_table('program_step')
    with op.batch_alter_table('fee_band', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_fee_band_fee_scale_id'))

    op.drop_table('fee_band')
    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_venue_id'))
        batch_op.drop_index(batch_op.f('ix_course_status'))
        batch_op.drop_index(batch_op.f('ix_course_program_id'))
        batch_op.drop_index(batch_op.f('ix_course_fee_scale_id'))

    op.drop_table('course')
    op.drop_table('venue')
    op.drop_table('social_minimum_norm')
    op.drop_table('program')
    op.drop_table('organisation')
    op.drop_table('fee_scale')
    with op.batch_alter_table('facilitator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_facilitator_sort_key'))

    op.drop_table('facilitator')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_at'))

    op.drop_table('audit_entry')
