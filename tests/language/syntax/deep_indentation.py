if True:
    if True:
        if True:
            if True:
                if True:
                    if True:
                        if True:
                            if True:
                                print("deep")  # expect: deep
print("back")  # expect: back
