from django.shortcuts import render


def join(request):
    """Where every "Join the movement" call to action leads until campaigns open (issue 5)."""
    return render(request, "campaigns/join.html")
