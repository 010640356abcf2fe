"""The master plan: tasks, their lead and coordinating agencies, committees, deadlines and
progress, its import and export, and readiness over time."""
