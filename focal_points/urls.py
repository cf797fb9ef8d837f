app_name = "focal_points"

urlpatterns: list = []
